/** What a pull request changes in the register, and what merging it would do to the tracker. */
import type { Diagnostic, Finding } from "../document/types.js";
import type { FieldChange } from "../issue/field-snapshot.js";
import type { SyncDiagnostic } from "../issue-fields/types.js";

/** One parse of the document: at the PR's merge base or at its head. */
export interface RegisterParse {
  findings: Finding[];
  diagnostics: Diagnostic[];
}

export interface StepChanges {
  /** Checklist text of the steps the head adds. */
  added: string[];
  /** Checklist text of the steps the head drops. */
  removed: string[];
  /** Steps the checklist merge pairs although their text differs. */
  reworded: { from: string; to: string }[];
}

/** A finding the PR touches. Findings the PR leaves alone are never listed. */
export type FindingChange =
  | { kind: "added"; id: string; head: Finding }
  | {
      kind: "changed";
      id: string;
      base: Finding;
      head: Finding;
      fields: FieldChange[];
      steps: StepChanges;
    }
  | { kind: "removed"; id: string; base: Finding };

/** Which ticked steps of the issue as it is now stay ticked after the merge, and which go. */
export interface TickOutcome {
  /** Checklist text (after the merge) of the steps that keep their tick. */
  kept: string[];
  /** Ticked steps of the issue that the head no longer has. */
  lost: string[];
}

/** What merging the PR would do to the finding's tracking issue, read from the sync's plan. */
export type IssueOutcome =
  | { action: "open" }
  | { action: "update"; number: number; ticks: TickOutcome }
  | { action: "reopen"; number: number; ticks: TickOutcome }
  | { action: "close"; number: number }
  /** Nothing is written; `number` is the issue when there is one, `why` says why for a person. */
  | { action: "none"; number: number | null; why: string };

/** What merging moves of the issue's own Gitea fields (SPEC §8: assignees, due date, milestone, dependencies). */
export interface IssueFieldsOutcome {
  /** What the head asks against what the bot set last; the kinds a person changed are not here. */
  changes: FieldChange[];
  /** The labels (`ISSUE_FIELD_LABELS`) of the kinds a person changed on the issue: left alone. */
  keptByPeople: string[];
}

export interface PreviewEntry {
  change: FindingChange;
  issue: IssueOutcome;
  issueFields: IssueFieldsOutcome;
}

export interface PreviewCounts {
  open: number;
  update: number;
  reopen: number;
  close: number;
}

export interface Preview {
  /** The touched findings, head document order first, then the removed ones in base order. */
  entries: PreviewEntry[];
  counts: PreviewCounts;
  /** Set when merging would leave removed findings' issues open; says why (the sync's words). */
  closeBlocked: string | null;
  /** The head document's diagnostics and its issue-field warnings, sorted by line. */
  diagnostics: SyncDiagnostic[];
}
