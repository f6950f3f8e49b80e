// `trustlens web`: the desktop UI in a browser, served on 127.0.0.1 only.
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../../shared/errors';

function openBrowser(url: string): void {
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'cmd' : 'xdg-open';
  const args = process.platform === 'win32' ? ['/c', 'start', '', url] : [url];
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return;
  try {
    spawn(command, args, { stdio: 'ignore', detached: true }).on('error', () => undefined).unref();
  } catch {
    /* no browser to open: the printed address is enough */
  }
}

export function registerWeb(program: Command): void {
  program
    .command('web')
    .description('serve the TrustLens UI on 127.0.0.1 for a browser (for machines without a display)')
    .argument('[files...]', 'files to open in the page')
    .option('--port <port>', 'port to listen on (0 picks a free one)', '0')
    .option('--no-open', 'do not open a browser')
    .option('--proxy <url>', 'reach servers through this HTTP proxy (default: HTTPS_PROXY unless NO_PROXY names the host; the page can change it)')
    .option('--no-proxy', 'reach servers directly, even when HTTPS_PROXY is set')
    .option('--resolve <host:addr>', "connect to these addresses for that host name, as curl's --resolve: HOST[:PORT]:ADDR[,ADDR…] (repeatable)", (value: string, previous: string[]) => [...previous, value], [] as string[])
    .action(async (files: string[], options: { port: string; open: boolean; proxy?: string | false; resolve: string[] }) => {
      const port = Number(options.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port takes a number from 0 to 65535.');
      // Loaded here, not at start-up: the server stack (zod, ws) would slow every other command down.
      const [{ createHandlers }, { StoreSessions }, { startWebServer }, { NetworkSettingsStore }, { parseProxy }, { parseResolveRule }, { ViewSettingsStore, webViewSettingsFile }, { RecentFiles }] = await Promise.all([
        import('../../electron/services/handlers'),
        import('../../electron/services/stores/sessions'),
        import('../web/server'),
        import('../../electron/services/network/settings'),
        import('../../electron/services/network/proxy-tunnel'),
        import('../../electron/services/network/resolve'),
        import('../../electron/services/view/view-settings'),
        import('../../electron/services/stores/recent-files'),
      ]);
      const resolve = options.resolve.map(parseResolveRule);
      if (typeof options.proxy === 'string') parseProxy(options.proxy);
      const network = new NetworkSettingsStore(
        undefined,
        options.proxy === false ? { mode: 'none' } : options.proxy !== undefined ? { mode: 'custom', url: options.proxy } : { mode: 'environment' },
        process.env,
        resolve,
      );
      const sessions = new StoreSessions();
      const running = await startWebServer({
        port,
        rendererDir: path.join(__dirname, '..', 'renderer'),
        // Recent files are paths on this machine: kept beside view.json by the server, never in the page's storage.
        handlers: createHandlers({ mode: 'web', sessions, network, view: new ViewSettingsStore(webViewSettingsFile()), recent: new RecentFiles(path.join(path.dirname(webViewSettingsFile()), 'recent-files.json')) }),
        initialPaths: files.map((f) => path.resolve(f)),
      }).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'EADDRINUSE') throw new UsageError(`port ${port} is in use; pick another with --port, or --port 0.`);
        throw error;
      });
      process.stdout.write(`TrustLens is running at ${running.url}\nPress Ctrl+C to stop.\n`);
      if (options.open) openBrowser(running.url);
      const stop = () => void running.close().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
