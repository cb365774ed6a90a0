/** The commit status of a sync: its state and one line a person can act on. */
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
  const { plan } = input;
  if (input.failures.length > 0)
    return line(
      "error",
      `Gitea failed on ${input.failures.length} of ${plan.actions.length} writes (${input.failures[0]}); the next sync retries`,
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
  ];
  return parts.join(", ");
}

function line(state: OutcomeState, description: string): OutcomeLine {
  return { state, description: truncate(description.replace(/\s+/g, " "), MAX_DESCRIPTION) };
}
