/** A sync plan: what one sync would write to the tracker, and why. */
import type { Diagnostic } from "../document/types.js";
import type { CloseRecord, NewIssue } from "../issue/types.js";

export type PlannedAction =
  | { kind: "create"; findingId: string; issue: NewIssue }
  /** Bring an open issue in line with its finding; the executor re-reads and re-merges before writing. */
  | { kind: "update"; findingId: string; number: number }
  | { kind: "close"; findingId: string; number: number; record: CloseRecord; comment: string }
  | { kind: "reopen"; findingId: string; number: number; comment: string };

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
}

export interface SyncPlan {
  actions: PlannedAction[];
  summary: PlanSummary;
  diagnostics: Diagnostic[];
  /** Set when removed findings' issues were left open on purpose; says why. */
  closeBlocked: string | null;
}

/** A tracking issue as the planner sees it (bot-authored, not a pull request). */
export interface TrackedIssue {
  number: number;
  title: string;
  body: string;
  state: "open" | "closed";
  labels: string[];
  createdAt: string;
}
