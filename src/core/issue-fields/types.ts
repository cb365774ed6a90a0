/** What a finding asks of Gitea's own issue fields (SPEC §8), and the warnings about it. */
import type { Diagnostic } from "../document/types.js";

export type IssueFieldCode =
  /** `Owner` names something that is no Gitea login. */
  | "malformed-login"
  /** `Owner` names a login Gitea does not list as assignable in the repository. */
  | "not-assignable"
  /** `Due` is not an ISO date (`YYYY-MM-DD`). */
  | "malformed-date"
  /** `Blocked by` names an ID that is no finding of the document. */
  | "unknown-dependency"
  /** `Blocked by` names the finding itself, or closes a cycle of dependencies. */
  | "dependency-cycle"
  /** `Milestone` names no milestone of the repository. */
  | "unknown-milestone";

/** A warning about an issue field: the parser's diagnostic shape with a code of its own. */
export interface IssueFieldDiagnostic extends Omit<Diagnostic, "code" | "severity"> {
  severity: "warning";
  code: IssueFieldCode;
  findingId: string;
}

/** What a sync reports about the document: the parser's diagnostics and the issue-field warnings. */
export type SyncDiagnostic = Diagnostic | IssueFieldDiagnostic;

/** One finding's issue fields as the document asks for them; empty where it asks nothing. */
export interface IssueFields {
  /** Logins without `@`, in document order, no duplicates (case folded). */
  assignees: string[];
  /** `YYYY-MM-DD`, or null. */
  dueDate: string | null;
  /** Finding IDs this finding's issue depends on, in document order. */
  blockedBy: string[];
  /** A milestone's name, or null. */
  milestone: string | null;
  /** The line of each field in the document, for warnings found later (not assignable). */
  lines: Partial<Record<"assignee" | "due" | "blockedBy" | "milestone", number>>;
}

export const NO_ISSUE_FIELDS: IssueFields = {
  assignees: [],
  dueDate: null,
  blockedBy: [],
  milestone: null,
  lines: {},
};
