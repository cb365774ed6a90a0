/**
 * What a write would change of a tracking issue's Gitea fields (SPEC §8), as the PR preview and
 * `plan` tell it: per kind, what the bot set last (the issue's state line, `fieldsSet`) against
 * what the document asks now, in the shape of the block's field changes (`FieldChange`), so
 * `describeFieldChange` words both alike (`Owner: alice → bob`). A kind neither records nor asks
 * is left out; a kind a person changed since is not known here (the listing's fields tell
 * `decideFieldEdits` that), so this says what the document moves, not what will be written.
 */
import type { FieldChange } from "../issue/field-snapshot.js";
import type { FieldsSetByBot } from "./decide-edits.js";
import type { IssueFields } from "./types.js";

/** The label each kind is told by. */
export const ISSUE_FIELD_LABELS = {
  assignees: "Assignees",
  dueDate: "Due date",
  milestone: "Milestone",
  dependencies: "Blocked by",
} as const;

export function issueFieldChanges(
  wanted: IssueFields,
  recorded: FieldsSetByBot | null | undefined,
  /** The issue number of a finding's tracking issue, to compare `Blocked by` with the numbers recorded; absent, IDs are compared as `#N` alone. */
  numberOf: (findingId: string) => number | undefined = () => undefined,
): FieldChange[] {
  const set = recorded ?? {};
  const changes: FieldChange[] = [];
  const compare = (label: string, before: string | null, after: string | null) => {
    if (before === after) return;
    if (before === null && after !== null)
      changes.push({ label, from: null, to: after, kind: "added" });
    else if (after === null) changes.push({ label, from: before, to: null, kind: "removed" });
    else changes.push({ label, from: before, to: after, kind: "changed" });
  };
  const list = (values: readonly string[] | undefined) =>
    values && values.length > 0 ? values.join(", ") : null;
  compare(ISSUE_FIELD_LABELS.assignees, list(set.assignees), list(wanted.assignees));
  compare(ISSUE_FIELD_LABELS.dueDate, set.dueDate ?? null, wanted.dueDate);
  compare(ISSUE_FIELD_LABELS.milestone, set.milestone ?? null, wanted.milestone);
  const before = [...(set.dependencies ?? [])].sort((a, b) => a - b).map((n) => `#${n}`);
  const after = wanted.blockedBy.map((id) => {
    const number = numberOf(id);
    return number === undefined ? id : `#${number}`;
  });
  const sameSet =
    before.length === after.length && [...after].sort().join() === [...before].sort().join();
  if (!sameSet) {
    const named = wanted.blockedBy.map((id) => {
      const number = numberOf(id);
      return number === undefined ? id : `${id} (#${number})`;
    });
    compare(ISSUE_FIELD_LABELS.dependencies, list(before), list(named));
  }
  return changes;
}
