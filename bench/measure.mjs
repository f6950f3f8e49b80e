// Time a whole process (wall clock, from spawn to exit) and its peak memory: GNU time's "maximum
// resident set size" when /usr/bin/time is GNU time, else VmHWM from /proc/PID/status, polled.
// With GNU time the CPU time (user + system) is reported too: on a shared machine it varies less.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const GNU_TIME = '/usr/bin/time';

function detectGnuTime() {
  try {
    const r = spawnSync(GNU_TIME, ['--version'], { encoding: 'utf8' });
    return /GNU/.test(`${r.stdout}${r.stderr}`);
  } catch {
    return false;
  }
}

export const memorySource = detectGnuTime() ? 'GNU time (maximum resident set size)' : '/proc/PID/status VmHWM, polled every 2 ms';
const useGnuTime = memorySource.startsWith('GNU');

function vmHwmKiB(pid) {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

let serial = 0;

/**
 * Run `command args` to completion. Returns { ms, cpuMs, rssKiB, code, stdout } (stdout only when
 * `keepOutput`, else its length in bytes as `stdoutBytes`: the output is drained either way).
 * `env` is the child's environment (default: this process's).
 */
export function measure(command, args, { keepOutput = false, env = process.env, allowFailure = false } = {}) {
  const rssFile = path.join(tmpdir(), `trustlens-bench-rss-${process.pid}-${serial++}.txt`);
  const [file, argv] = useGnuTime ? [GNU_TIME, ['-f', '%M %U %S', '-o', rssFile, command, ...args]] : [command, args];
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(file, argv, { stdio: ['ignore', 'pipe', 'pipe'], env });
    const chunks = [];
    let stdoutBytes = 0;
    let stderr = '';
    let peak = 0;
    const poll = useGnuTime ? null : setInterval(() => (peak = Math.max(peak, vmHwmKiB(child.pid))), 2);
    child.stdout.on('data', (chunk) => {
      stdoutBytes += chunk.length;
      if (keepOutput) chunks.push(chunk);
    });
    child.stderr.on('data', (chunk) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', () => {
      if (poll) {
        clearInterval(poll);
      }
    });
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      let rssKiB = peak;
      let cpuMs = NaN;
      if (useGnuTime) {
        try {
          const [rss, user, system] = readFileSync(rssFile, 'utf8').trim().split('\n').pop().split(' ').map(Number);
          rssKiB = rss;
          cpuMs = (user + system) * 1000;
        } catch {
          rssKiB = NaN;
        }
        rmSync(rssFile, { force: true });
      }
      if (code !== 0 && !allowFailure) {
        reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${stderr.trim().split('\n').slice(-3).join(' ')}`));
        return;
      }
      resolve({ ms, cpuMs, rssKiB, code, stderr, stdoutBytes, stdout: keepOutput ? Buffer.concat(chunks).toString('utf8') : undefined });
    });
  });
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
