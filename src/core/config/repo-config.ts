/** The repository configuration (`.gitea/deferbot.yml`), with every key resolved to a value. */
import type { FieldKey } from "../document/types.js";
import { DEFAULT_ID_PATTERN, DEFAULT_MAX_BYTES, DEFAULT_RISK_LEVELS } from "../document/types.js";

export interface RepoConfig {
  document: string;
  idPattern: string;
  fieldAliases: Partial<Record<FieldKey, string[]>>;
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
}

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
};

/** The label `/deferbot ignore` puts on an issue. */
export const IGNORED_LABEL = "deferbot/ignored";
