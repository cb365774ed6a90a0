/**
 * Each finding's Gitea issue fields (SPEC §8) as the PR preview and `plan` show them: what the
 * document asks, and what that changes against what the bot recorded on the finding's tracking
 * issue (`fieldsSet` in its state line). Pure; the sync's planner decides the writes themselves.
 */
import type { FieldChange } from "../issue/field-snapshot.js";
import { readState } from "../issue/state-line.js";
import { issueFieldChanges } from "../issue-fields/field-changes.js";
import type { IssueFields } from "../issue-fields/types.js";
import { groupIssuesByFinding } from "./identify-issues.js";
import type { TrackedIssue } from "./types.js";

export interface FindingFieldPlan {
  /** The document's values (after the repository check when the caller made one). */
  wanted: IssueFields;
  /** Against the kept tracking issue's record; every named field is `added` for a finding with no issue yet. */
  changes: FieldChange[];
  /** The kept tracking issue, or null. */
  number: number | null;
}

/** By finding ID, for every finding `byFinding` holds (registerIssueFields, maybe checkAgainstRepo). */
export function planFieldChanges(
  byFinding: ReadonlyMap<string, IssueFields>,
  tracked: readonly TrackedIssue[],
  idPattern: string,
): Map<string, FindingFieldPlan> {
  const groups = groupIssuesByFinding(tracked, idPattern);
  const numberOf = (id: string) => groups.get(id)?.kept?.number;
  const plans = new Map<string, FindingFieldPlan>();
  for (const [id, wanted] of byFinding) {
    const kept = groups.get(id)?.kept ?? null;
    const recorded = kept ? (readState(kept.body, id)?.fieldsSet ?? null) : null;
    plans.set(id, {
      wanted,
      changes: issueFieldChanges(wanted, recorded, numberOf),
      number: kept?.number ?? null,
    });
  }
  return plans;
}
