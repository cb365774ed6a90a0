/** A sync plan: what one sync would write to the tracker, and why. */
import type { Diagnostic } from "../document/types.js";
import type { CommentMark } from "../issue/comment-marker.js";
import type { CloseRecord, NewIssue, ParsedStep } from "../issue/types.js";
import type { CurrentFields, FieldsSetByBot } from "../issue-fields/decide-edits.js";

export type PlannedAction =
  | { kind: "create"; findingId: string; issue: NewIssue }
  /**
   * Bring an open issue in line with its finding; the executor re-reads and re-merges before
   * writing. `carryTicks`: ticked steps of twins about to be closed (§3.1), to be ticked on this
   * issue first (applyCarriedTicks on the re-read body) — on a closed kept issue too, where only
   * those ticks are written. Present also when the block itself is in sync.
   */
  | { kind: "update"; findingId: string; number: number; carryTicks?: ParsedStep[] }
  /**
   * `comment` starts with its marker (`mark`), so the executor can tell the bot already posted it
   * (findBotComment). `afterUpdateOf`: a twin's close, to run only once the update that carries its
   * ticks to that issue succeeded. `removeDependencies`: the dependencies the bot set on it (its
   * state line's `fieldsSet`), removed before the close (Gitea answers 412 to closing an issue
   * with open dependencies, SPEC §8).
   */
  | {
      kind: "close";
      findingId: string;
      number: number;
      record: CloseRecord;
      comment: string;
      mark: CommentMark;
      afterUpdateOf?: number;
      removeDependencies?: number[];
    }
  | { kind: "reopen"; findingId: string; number: number; comment: string; mark: CommentMark };

/** A comment alone (the marker/state disagreement of §3.1), posted once: skipped when `mark` is found. */
export interface PlannedComment {
  findingId: string;
  number: number;
  comment: string;
  mark: CommentMark;
}

/**
 * A tracking issue whose Gitea dependencies (`Blocked by`, SPEC §8) the dependency step brings in
 * line after the plan's other writes: its `Blocked by` differs from what the bot recorded, or its
 * issue or a blocker's is opened in this sync.
 */
export interface PlannedDependencies {
  findingId: string;
  /** The issue; null when this sync opens it (the create's answer tells its number). */
  number: number | null;
  /** The findings it depends on, in document order; `number` null where this sync opens that issue. */
  blockers: { id: string; number: number | null }[];
  /** What the bot set last (the listed issue's state line); null for an issue opened in this sync. */
  setByBot: FieldsSetByBot | null;
}

export interface PlanSummary {
  created: number;
  updated: number;
  closed: number;
  reopened: number;
  unchanged: number;
  /** Closed on the tracker (by a person, or ignored) while the finding is still in the document. */
  closedOnTracker: number;
  /** Creates left for the next sync because of `maxCreates`. */
  pendingCreates: number;
  /** Issues whose marker disagrees with their state line (§3.1): left alone and reported. */
  conflicts: number;
}

export interface SyncPlan {
  actions: PlannedAction[];
  summary: PlanSummary;
  diagnostics: Diagnostic[];
  /** Set when removed findings' issues were left open on purpose; says why. */
  closeBlocked: string | null;
  /** What the commit status warns about (one line each), e.g. a marker/state disagreement. */
  warnings: string[];
  /** Comments that go with no write (the conflict report of §3.1); not in `actions`. */
  comments: PlannedComment[];
  /** The dependency step's work, after `actions` (SPEC §8); empty for a register without `Blocked by`. */
  dependencies: PlannedDependencies[];
}

/** A tracking issue as the planner sees it (bot-authored, not a pull request). */
export interface TrackedIssue {
  number: number;
  title: string;
  body: string;
  state: "open" | "closed";
  labels: string[];
  createdAt: string;
  /** Gitea's `comments` count from the listing: every comment, the bot's included. */
  comments?: number;
  /**
   * Comments by people (not the bot), when the shell counted them (countPeopleComments); only twin
   * resolution needs it, so the shell reads the comments of twins alone (twinNumbers).
   */
  peopleComments?: number;
  /** Its assignees, due date and milestone from the listing (SPEC §8: no extra read). */
  issueFields?: CurrentFields;
}
