// The temporary files a write makes beside a store, named so that a later run recognises its own
// leftovers: `.STORE.trustlens-PID-TICKS-RANDOM.tmp` (TICKS: the writer's start time where the system
// says, see process-identity.ts). A write killed with SIGKILL (or a power cut) cannot remove its file;
// the next write to that store, or opening it in the app, removes those whose writer is no longer running.
// Temporary files of running writers, and files of other programs, are left alone.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { isRunning, ownIdentity } from './process-identity';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function tempFileFor(target: string): string {
  const { pid, started } = ownIdentity();
  const ticks = started?.startsWith('proc:') ? started.slice(5) : '0';
  return path.join(path.dirname(target), `.${path.basename(target)}.trustlens-${pid}-${ticks}-${randomBytes(4).toString('hex')}.tmp`);
}

/** This release's names, and the `.STORE.PID.MILLIS.tmp` of earlier ones (pid only). */
function writerOf(name: string, base: string): { pid: number; started: string | null } | null {
  const current = new RegExp(`^\\.${escape(base)}\\.trustlens-(\\d+)-(\\d+)-[0-9a-f]+\\.tmp$`).exec(name);
  if (current) return { pid: Number(current[1]), started: current[2] === '0' ? null : `proc:${current[2]}` };
  const earlier = new RegExp(`^\\.${escape(base)}\\.(\\d+)\\.\\d+\\.tmp$`).exec(name);
  return earlier ? { pid: Number(earlier[1]), started: null } : null;
}

/** Remove the temporary files that writes of `target` left when they were killed; returns their paths. */
export async function removeStaleTempFiles(target: string): Promise<string[]> {
  const dir = path.dirname(target);
  const base = path.basename(target);
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const writer = writerOf(name, base);
    if (!writer || isRunning(writer.pid, writer.started)) continue;
    const file = path.join(dir, name);
    try {
      await fs.rm(file, { force: true });
      removed.push(file);
    } catch {
      /* not ours to remove after all (permissions); the write goes on */
    }
  }
  return removed;
}
