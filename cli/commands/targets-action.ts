// `trustlens diagnose --targets FILE --truststore STORE`: every endpoint of the file judged with one trust
// store, a table of verdicts (failures first) or, with --json, { results: [diagnose documents], summary }.
// Exit 1 when any target is not trusted or could not be probed. Progress on stderr when it is a terminal.
import { readFile } from 'node:fs/promises';
import { diagnoseTargets, failuresFirst, readTargets, summarizeTargets, type TargetVerdict } from '../../electron/services/diagnosis/many-targets';
import { FileError } from '../../shared/errors';
import { EXIT } from '../exit';
import { commonNameOf, printJson, style, table } from '../human';
import { openStoreFile } from '../open-store';
import { probeOptions } from '../options';
import type { DiagnoseFlags } from './probe-action';

async function readTargetsFile(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new FileError('FILE_NOT_FOUND', `${file}: no such file (--targets names a text file, one target per line)`);
    throw new FileError('FILE_ERROR', `${file}: cannot be read (${code ?? (error as Error).message})`);
  }
}

function verdictCell(verdict: TargetVerdict): string {
  if (verdict.error) return style.red('FAILED');
  return verdict.trusted ? style.green('trusted') : style.red(verdict.problems[0]?.code ?? 'NOT TRUSTED');
}

function detail(verdict: TargetVerdict): string {
  if (verdict.error) return verdict.error.message;
  if (verdict.trusted) return style.dim(`${commonNameOf(verdict.path[0]?.subject ?? '')} → ${verdict.path.at(-1)?.trustStoreAlias ?? ''}`);
  return verdict.problems[0]?.message ?? '';
}

export async function runDiagnoseTargets(file: string, options: DiagnoseFlags & { concurrency: number }): Promise<void> {
  const targets = readTargets(await readTargetsFile(file), file);
  const store = await openStoreFile(options.truststore, options);
  const progress = !options.json && process.stderr.isTTY === true;
  const verdicts = await diagnoseTargets(
    targets.map((t) => t.target),
    store.decoded,
    options.client,
    {
      ...probeOptions(options),
      concurrency: options.concurrency,
      ...(progress ? { onVerdict: (_v: TargetVerdict, done: number, total: number) => process.stderr.write(`\r${style.dim(`checked ${done} of ${total}…`)}`) } : {}),
    },
  );
  if (progress) process.stderr.write('\r\u001b[K');
  const summary = summarizeTargets(verdicts);
  if (options.json) printJson({ client: options.client, truststore: options.truststore, results: verdicts, summary });
  else {
    const rows = failuresFirst(verdicts).map((v) => [v.target, verdictCell(v), detail(v)]);
    process.stdout.write(`${table(rows, ['Target', 'Verdict', 'Detail'])}\n\n`);
    const parts = [`${summary.trusted} of ${summary.total} targets trusted by a ${options.client} client with ${options.truststore}`];
    if (summary.untrusted) parts.push(`${summary.untrusted} not trusted`);
    if (summary.failed) parts.push(`${summary.failed} could not be probed`);
    const line = parts.join('; ');
    process.stdout.write(`${summary.trusted === summary.total ? style.green(line) : style.red(line)}\n`);
  }
  process.exitCode = summary.trusted === summary.total ? EXIT.ok : EXIT.untrusted;
}
