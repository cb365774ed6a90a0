/**
 * The commit status of a sync: its state and one line a person can act on; and, for the CLI
 * summary and the log, every failed write in full — also when posting the status itself failed,
 * so a failed status post never hides the writes that failed before it.
 */
import { formatConfigErrors } from "../config/format-config-errors.js";
import type { ConfigError } from "../config/parse-repo-config.js";
import { truncate } from "../text/truncate.js";
import type { SyncPlan } from "./types.js";

export interface SyncOutcomeInput {
  plan: SyncPlan;
  /** Messages of the writes that failed. */
  failures: string[];
  configErrors: ConfigError[];
  configPath: string | null;
  documentPath: string;
  /** Why posting the commit status failed, when it did (the description then goes to the CLI and log only). */
  statusFailure?: string;
}

export type OutcomeState = "success" | "failure" | "error";

export interface OutcomeLine {
  state: OutcomeState;
  description: string;
}

/**
 * Gitea keeps long descriptions, but its UI shows one line and GitHub's limit is 140: the status
 * is cut here once, so the commit status and `/deferbot status` show the same text.
 */
export const MAX_DESCRIPTION = 140;

export function describeOutcome(input: SyncOutcomeInput): OutcomeLine {
  const status = statusLine(input);
  if (input.statusFailure === undefined) return status;
  const writes =
    input.failures.length > 0
      ? `; ${input.failures.length} of ${input.plan.actions.length} writes failed too`
      : "";
  return {
    state: "error",
    description: clip(
      `could not post the commit status (${input.statusFailure})${writes}; it would have said: ${status.description}`,
    ),
  };
}

/** Every failed write, one line each and untruncated, the status post's own failure last: for the CLI summary and the log. */
export function failureReport(input: SyncOutcomeInput): string[] {
  return [
    ...input.failures,
    ...(input.statusFailure === undefined ? [] : [`commit status: ${input.statusFailure}`]),
  ];
}

function statusLine(input: SyncOutcomeInput): OutcomeLine {
  const { plan } = input;
  const line = (state: OutcomeState, description: string): OutcomeLine => ({
    state,
    description: clip(description),
  });
  if (input.failures.length > 0)
    return line(
      "error",
      `Gitea failed on ${input.failures.length} of ${plan.actions.length} writes (${input.failures.join("; ")}); the next sync retries`,
    );
  if (input.configErrors.length > 0)
    return line(
      "failure",
      `${formatConfigErrors(input.configErrors, input.configPath ?? "config")} (defaults used)`,
    );
  const firstError = plan.diagnostics.find((d) => d.severity === "error");
  if (firstError)
    return line("failure", `${input.documentPath}:${firstError.line}: ${firstError.message}`);
  if (plan.closeBlocked) return line("failure", plan.closeBlocked);
  // Still success: the sync did what it should; the warning is in the line a person reads.
  const warning = plan.warnings[0];
  if (warning)
    return line(
      "success",
      `${summarize(plan)}; ${warning}${plan.warnings.length > 1 ? ` (and ${plan.warnings.length - 1} more)` : ""}`,
    );
  return line("success", summarize(plan));
}

export function summarize(plan: SyncPlan): string {
  const s = plan.summary;
  const parts = [
    `${s.created} created`,
    `${s.updated} updated`,
    `${s.closed} closed`,
    ...(s.reopened ? [`${s.reopened} reopened`] : []),
    `${s.unchanged} unchanged`,
    ...(s.pendingCreates ? [`${s.pendingCreates} pending (maxCreates)`] : []),
    ...(s.closedOnTracker
      ? [`${s.closedOnTracker} closed on the tracker but still in the document`]
      : []),
    ...(s.conflicts ? [`${s.conflicts} with a marker that disagrees with its state line`] : []),
  ];
  return parts.join(", ");
}

function clip(description: string): string {
  return truncate(description.replace(/\s+/g, " "), MAX_DESCRIPTION);
}
