/**
 * What a write records of Gitea's own issue fields in the state line (`fieldsSet`, SPEC §8), and
 * whether that record moved. A block that was rendered knowing the issue fields records
 * `fieldsSet` even when the bot set none (`{}`): so a register that already wrote `Owner:` among
 * its extra fields sees one update, the one that moves the field out of "Other fields", and a
 * register without these labels keeps its state lines byte for byte as they were.
 */
import type { CurrentFields, FieldEdits, FieldsSetByBot, WantedFields } from "./decide-edits.js";
import type { IssueFields } from "./types.js";

/** The document's values for decideFieldEdits (dependencies are decided by their own step). */
export function wantedFields(
  fields: Pick<IssueFields, "assignees" | "dueDate" | "milestone">,
): WantedFields {
  return { assignees: fields.assignees, dueDate: fields.dueDate, milestone: fields.milestone };
}

/** No assignee, due date or milestone: an issue just opened, or one the forge told nothing of. */
export const NO_FIELD_VALUES: Readonly<CurrentFields> = {
  assignees: [],
  dueDate: null,
  milestone: null,
};

/**
 * The `fieldsSet` a write records: the decision's record, or nothing when the finding has none of
 * the labels and the bot never recorded any.
 */
export function fieldsToRecord(
  previous: FieldsSetByBot | undefined,
  record: FieldsSetByBot,
  labelled: boolean,
): FieldsSetByBot | undefined {
  if (previous === undefined && !labelled && Object.keys(record).length === 0) return undefined;
  return record;
}

/** Two records alike (absent and `{}` differ: see the module comment). */
export function sameFieldsSet(
  a: FieldsSetByBot | undefined,
  b: FieldsSetByBot | undefined,
): boolean {
  if (a === undefined || b === undefined) return a === b;
  const canonical = (set: FieldsSetByBot) =>
    JSON.stringify([
      set.assignees ?? "absent",
      set.dueDate === undefined ? "absent" : set.dueDate,
      set.milestone === undefined ? "absent" : set.milestone,
      set.dependencies === undefined ? "absent" : [...set.dependencies].sort((x, y) => x - y),
    ]);
  return canonical(a) === canonical(b);
}

export function hasFieldEdits(edits: FieldEdits | undefined): edits is FieldEdits {
  return edits !== undefined && Object.keys(edits).length > 0;
}
