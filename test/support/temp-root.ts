// Vitest global setup: every temporary file of a test run (the tests' own folders, the CLI's and the
// peers' they start) goes under one folder made for the run, removed when the run ends, so a run leaves
// nothing in the system's temp directory even where a test stops before its own cleanup.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

export default function setup(): () => void {
  const root = mkdtempSync(path.join(tmpdir(), 'trustlens-test-run-'));
  // Workers are forked after this runs and inherit it; os.tmpdir() reads TMPDIR.
  process.env.TMPDIR = root;
  return () => rmSync(root, { recursive: true, force: true });
}
