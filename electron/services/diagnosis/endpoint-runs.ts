// The app's "Check endpoints" calls under way, by request id: how many targets each has done, so the
// window can show progress while the call runs. A finished run is kept briefly for a last look.
import type { EndpointProgress } from '../../../shared/ipc';
import type { TargetVerdict } from '../../../shared/model/targets';

const KEEP_FINISHED_MS = 30_000;

class Run {
  done = 0;
  untrusted = 0;
  failed = 0;
  constructor(readonly total: number) {}

  add(verdict: TargetVerdict): void {
    this.done += 1;
    if (verdict.error) this.failed += 1;
    else if (!verdict.trusted) this.untrusted += 1;
  }
}

export class EndpointRuns {
  private readonly runs = new Map<string, Run>();

  start(requestId: string, total: number): Run {
    const run = new Run(total);
    this.runs.set(requestId, run);
    return run;
  }

  finish(requestId: string): void {
    setTimeout(() => this.runs.delete(requestId), KEEP_FINISHED_MS).unref();
  }

  progress(requestId: string): EndpointProgress | null {
    const run = this.runs.get(requestId);
    return run ? { done: run.done, total: run.total, untrusted: run.untrusted, failed: run.failed } : null;
  }
}
