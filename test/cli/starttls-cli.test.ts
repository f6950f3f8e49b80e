// The STARTTLS targets through the command line as a user runs it: probe, diagnose, export and import of
// imap:// (a scripted IMAP server on 127.0.0.1), `--starttls PROTO` on host:port, and exit 4 with the
// server's refusal on one line when it offers no STARTTLS.
import { copyFileSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIAGNOSE_DIR, fixturePem } from '../chain/diagnose-fixtures';
import { trustlens } from '../support/cli';
import { startScriptedServer } from '../support/starttls-scripted';
import type { RunningServer } from '../support/tls-servers';
import { scratchDir } from '../electron/services/stores/import-peers';

const identity = { chainPem: fixturePem('leaf') + fixturePem('int'), keyPem: readFileSync(`${DIAGNOSE_DIR}/leaf.key`, 'utf8') };
let imap: RunningServer;
let pop3NoTls: RunningServer;
beforeAll(async () => {
  [imap, pop3NoTls] = await Promise.all([startScriptedServer('imap', identity), startScriptedServer('pop3', identity, { offer: false })]);
});
afterAll(async () => {
  await Promise.all([imap?.close(), pop3NoTls?.close()]);
});

describe('trustlens with STARTTLS targets', () => {
  const dir = scratchDir('trustlens-cli-starttls-');

  it('probe imap:// --json says which upgrade ran and lists the chain', async () => {
    const r = await trustlens(['probe', `imap://127.0.0.1:${imap.port}`, '--servername', 'localhost', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as { starttls: string; port: number; sent: { subject: string }[] };
    expect(doc.starttls).toBe('imap');
    expect(doc.sent.map((c) => c.subject)).toEqual(['CN=localhost,O=TrustLens Diagnose', 'CN=Diagnose Intermediate CA,O=TrustLens Diagnose']);
  });

  it('diagnose host:port --starttls imap: untrusted with an unrelated store (exit 1), then trusted after import --from imap://', async () => {
    const store = path.join(dir, 'store.pem');
    copyFileSync(path.join(DIAGNOSE_DIR, 'store-unrelated.pem'), store);
    const before = await trustlens(['diagnose', imap.target, '--starttls', 'imap', '--servername', 'localhost', '--truststore', store, '--no-download']);
    expect(before.code, before.stderr).toBe(1);
    expect(before.stdout).toMatch(/NOT TRUSTED/);
    const imported = await trustlens(['import', store, '--from', `imap://127.0.0.1:${imap.port}`, '--servername', 'localhost', '--certs', 'all']);
    expect(imported.code, imported.stderr).toBe(0);
    const after = await trustlens(['diagnose', `imap://localhost:${imap.port}`, '--truststore', store, '--json']);
    expect(after.code, after.stderr).toBe(0);
    expect((JSON.parse(after.stdout) as { trusted: boolean }).trusted).toBe(true);
  });

  it('export imap:// writes the chain the server sent', async () => {
    const out = path.join(dir, 'export');
    const r = await trustlens(['export', `imap://127.0.0.1:${imap.port}`, '--out', out, '--certs', 'all', '--servername', 'localhost']);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['diagnose-intermediate-ca.pem', 'localhost-leaf.pem']);
  });

  it('a server without STARTTLS: exit 4, one line quoting what it offers', async () => {
    const r = await trustlens(['probe', pop3NoTls.target, '--starttls', 'pop3']);
    expect(r.code).toBe(4);
    expect(r.stderr).toBe(`trustlens: ${pop3NoTls.target}: the server does not offer STARTTLS (STLS is not among its capabilities: TOP, UIDL); try pop3s:// (port 995) if it has a TLS port\n`);
  });

  it('--starttls names the protocols it knows', async () => {
    const r = await trustlens(['probe', imap.target, '--starttls', 'gopher']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Allowed choices are smtp, imap, pop3, ftp, ldap, postgres, mysql, xmpp/);
  });
});
