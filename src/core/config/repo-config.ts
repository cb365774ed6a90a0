/** The repository configuration (`.gitea/deferbot.yml`), with every key resolved to a value. */
import type { FieldKey } from "../document/types.js";
import { DEFAULT_ID_PATTERN, DEFAULT_MAX_BYTES, DEFAULT_RISK_LEVELS } from "../document/types.js";
import type { IssueFieldKey } from "../issue-fields/keys.js";

/** Where the configuration is read from, first found wins. */
export const CONFIG_PATHS = [".gitea/deferbot.yml", ".github/deferbot.yml"] as const;

/** The register dashboard (SPEC §8); `dashboard: false` resolves to false. */
export interface DashboardConfig {
  title: string;
  /** Rows listed before the dashboard gives counts only. */
  maxRows: number;
}

export interface RepoConfig {
  document: string;
  idPattern: string;
  /** Extra labels per field: the document's fields and Gitea's issue fields (SPEC §8). */
  fieldAliases: Partial<Record<FieldKey | IssueFieldKey, string[]>>;
  riskLevels: string[];
  labels: { bot: string; risk: boolean; category: boolean };
  title: string;
  maxCreates: number;
  commandPrefix: string;
  closeRemoved: boolean;
  reopenReadded: boolean;
  mentions: boolean;
  /** Leave `#12`, `!3`, `owner/repo#4` in the document's text live (§3.2); default inert. */
  references: boolean;
  maxBytes: number;
  dashboard: DashboardConfig | false;
}

export const DEFAULT_DASHBOARD: DashboardConfig = {
  title: "Deferred findings dashboard",
  maxRows: 1000,
};

export const DEFAULT_CONFIG: RepoConfig = {
  document: "docs/deferred-errors.md",
  idPattern: DEFAULT_ID_PATTERN,
  fieldAliases: {},
  riskLevels: DEFAULT_RISK_LEVELS,
  labels: { bot: "deferred-error", risk: true, category: true },
  title: "{id}: {title}",
  maxCreates: 500,
  commandPrefix: "/deferbot",
  closeRemoved: true,
  reopenReadded: true,
  mentions: false,
  references: false,
  maxBytes: DEFAULT_MAX_BYTES,
  dashboard: DEFAULT_DASHBOARD,
};

/** The label `/deferbot ignore` puts on an issue. */
export const IGNORED_LABEL = "deferbot/ignored";
