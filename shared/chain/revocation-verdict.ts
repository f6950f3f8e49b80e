// A diagnosis with what its revocation checks found: a REVOKED problem that blocks (the client checks
// revocation and refuses the chain) comes first and makes the chain untrusted; one that does not block is
// listed after the rest, as a warning the verdict does not change for.
import type { Diagnosis, Problem } from '../model/probe';
import type { RevocationReport } from '../model/revocation-report';

export function withRevocationProblems(diagnosis: Diagnosis, report: RevocationReport): Diagnosis {
  if (report.problems.length === 0) return diagnosis;
  const plain = (p: RevocationReport['problems'][number]): Problem => ({ code: p.code, message: p.message, fix: p.fix });
  const blocking = report.problems.filter((p) => p.blocking).map(plain);
  const warnings = report.problems.filter((p) => !p.blocking).map(plain);
  return {
    ...diagnosis,
    trusted: diagnosis.trusted && blocking.length === 0,
    problems: [...blocking, ...diagnosis.problems, ...warnings],
  };
}
