// Who holds a lock or left a temporary file: a process id and, where the system says, when that process
// started. A pid alone can be reused by an unrelated process after a crash; on Linux the start time
// (field 22 of /proc/PID/stat, clock ticks since boot) tells the two apart. Elsewhere only the pid is
// checked, which errs on the side of "still running" (a stale file is then left, never a live one taken).
import { readFileSync } from 'node:fs';

export interface ProcessIdentity {
  readonly pid: number;
  /** "proc:TICKS" from /proc on Linux; null where the system does not say. */
  readonly started: string | null;
}

function startTicks(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    // The command name (field 2) is in parentheses and may hold spaces or ")": count from the last ")".
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = fields[19];
    return ticks && /^\d+$/.test(ticks) ? `proc:${ticks}` : null;
  } catch {
    return null;
  }
}

let own: ProcessIdentity | undefined;

export function ownIdentity(): ProcessIdentity {
  own ??= { pid: process.pid, started: startTicks(process.pid) };
  return own;
}

/** Whether `pid` (started at `started`, when known) is still running. */
export function isRunning(pid: number, started?: string | null): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it runs, under another user.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (!started?.startsWith('proc:')) return true;
  const now = startTicks(pid);
  return now === null || now === started;
}
