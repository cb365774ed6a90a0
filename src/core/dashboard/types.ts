/** What the dashboard shows (SPEC §8), as the shell gathers it after a sync's writes. */

export type RowStatus = "open" | "closed" | "ignored";

/** One finding of the document, with its tracking issue as the tracker has it. */
export interface DashboardRow {
  id: string;
  title: string;
  /** The finding's risk level (lower case), or null when it has none or an unknown one. */
  riskLevel: string | null;
  /** Null while the finding has no issue yet (left for the next sync by `maxCreates`). */
  issue: {
    number: number;
    status: RowStatus;
    ticked: number;
    total: number;
    /** `YYYY-MM-DD`: the tracking issue's `created_at`. */
    firstSeen: string;
    /** `YYYY-MM-DD`: the date the bot last rewrote the issue's block; null when not recorded. */
    lastChange: string | null;
  } | null;
}

/** A diagnostic of the register, for the dashboard's last table. */
export interface DashboardDiagnostic {
  severity: "error" | "warning";
  line: number;
  message: string;
  findingId?: string;
}

export interface DashboardContent {
  /** Findings in document order. */
  rows: DashboardRow[];
  /** Tracking issues the bot closed because their finding left the document. */
  resolved: number;
  diagnostics: DashboardDiagnostic[];
}

export interface DashboardRenderContext {
  /** The repository's web URL, e.g. `https://git.example.com/owner/repo`. */
  repoHtmlUrl: string;
  documentPath: string;
  /** The default branch, for the link to the register (a branch link never goes stale). */
  defaultBranch: string;
  riskLevels: readonly string[];
  maxRows: number;
  mentions: boolean;
}
