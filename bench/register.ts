/** Registers for the parse bench: the canonical format, about 1 KB a finding. */
import { type FindingSpec, findingSpec, renderRegister } from "../test/support/register.js";

/** A generated finding padded to about 1 KB with a longer reason, as real registers have. */
export function benchFinding(n: number): FindingSpec {
  return findingSpec(n, {
    error:
      `Module ${n} swallows errors from its storage client: a failed write answers success to the ` +
      `caller, so the caller never retries and the record is lost without a trace`,
    reason:
      `Fixing module ${n} needs a migration of its storage schema, which is scheduled for the next ` +
      `quarter together with the other modules that share the same client. Until then the error is ` +
      `logged and counted, and the on-call runbook explains how to replay the lost writes by hand; ` +
      `the owning team agreed to revisit this finding when the migration window is confirmed ` +
      `and the replacement client has passed its load test in the staging environment of the payments team.`,
  });
}

/** A register of `count` findings of about 1 KB each, numbered from 1. */
export function benchRegister(count: number): string {
  return renderRegister(Array.from({ length: count }, (_, i) => benchFinding(i + 1)));
}
