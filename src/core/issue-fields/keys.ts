/** The labels of Gitea's own issue fields (SPEC §8) and their built-in aliases. */

/** `assignee` → assignees, `due` → due date, `blockedBy` → dependencies, `milestone` → milestone. */
export type IssueFieldKey = "assignee" | "due" | "blockedBy" | "milestone";

export const ISSUE_FIELD_KEYS: readonly IssueFieldKey[] = [
  "assignee",
  "due",
  "blockedBy",
  "milestone",
];

/** SPEC §8: the labels people already write; `fieldAliases` adds more per key. */
export const BUILT_IN_ISSUE_FIELD_ALIASES: Readonly<Record<IssueFieldKey, readonly string[]>> = {
  assignee: ["Owner", "Assignee"],
  due: ["Due", "Revisit by"],
  blockedBy: ["Blocked by", "Depends on"],
  milestone: ["Milestone"],
};
