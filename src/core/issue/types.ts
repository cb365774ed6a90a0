/** What the renderer and the checklist merge exchange with the planner. */

import type { RepoConfig } from "../config/repo-config.js";
import type {
  CurrentFields,
  FieldEdits,
  FieldsSetByBot,
  WantedFields,
} from "../issue-fields/decide-edits.js";

export type CloseReason = "removed" | "ignored" | "twin";

export interface CloseRecord {
  reason: CloseReason;
  /** Commit that removed the finding (`removed`). */
  sha?: string;
  /** Issue number kept in place of this one (`twin`). */
  twinOf?: number;
}

/** The bot's memory, kept in the state line of the managed block. */
export interface BotState {
  /** Format version. */
  v: number;
  /**
   * The finding the bot wrote this block for (version 2). Read from a version 1 state, the ID of
   * its block's start marker.
   */
  id: string;
  /** Content hash of the finding at the last write of the block. */
  hash: string;
  /** Commit of the last write of the block. */
  sha: string;
  /** The title the bot last set. */
  title: string;
  /** The labels the bot set (names). */
  labels: string[];
  /** How and where the bot closed the issue; null when it did not. */
  closed: CloseRecord | null;
  /** Whether the all-steps-ticked comment was given. */
  allTickedNotice: boolean;
  /**
   * What the block showed per field at the last write, for the change summary of §3.3
   * (`Risk: Low → Medium`): `=value` for a short one-line value, `#hash` for a longer one.
   * Optional: absent in states written before it existed; no field changes are reported then.
   */
  fields?: Record<string, string>;
  /**
   * `YYYY-MM-DD`: the day the bot last rewrote the block (the dashboard's last-change column,
   * SPEC §8). Absent in states written before it was kept.
   */
  changedOn?: string;
  /** Gitea's issue fields the bot set last (SPEC §8: people win); absent when it set none. */
  fieldsSet?: FieldsSetByBot;
}

export interface RenderContext {
  /** The repository's web URL, e.g. `https://git.example.com/owner/repo`. */
  repoHtmlUrl: string;
  /** Path of the register in the repository. */
  documentPath: string;
  /** Commit the document was read at. */
  commitSha: string;
  config: RepoConfig;
  /** `YYYY-MM-DD`, the shell's clock: recorded as `changedOn` when the block is rewritten. */
  today?: string;
}

/** A tracking issue as the bot would open it. */
export interface NewIssue {
  title: string;
  body: string;
  labels: string[];
  /** Gitea's own fields the create sets (milestone by name); absent when none. */
  fieldEdits?: FieldEdits;
}

/** A tracking issue as it is on the tracker, reduced to what the merge needs. */
export interface CurrentIssue {
  title: string;
  body: string;
  labels: string[];
  /** Its assignees, due date and milestone as the forge has them (absent: none). */
  issueFields?: CurrentFields;
}

/**
 * Gitea's own issue fields a write brings in line (SPEC §8): the document's values after the
 * repository check; `refresh` restores them over a person's change (`/deferbot refresh`).
 */
export interface FieldsInput {
  wanted: WantedFields;
  refresh?: boolean;
}

/** What to write so that an existing issue shows the finding; null/empty where nothing changes. */
export interface IssueChange {
  body: string | null;
  title: string | null;
  addLabels: string[];
  removeLabels: string[];
  /** The comment §3.3 asks for (ticks exist and steps or fields changed), or null. */
  comment: string | null;
  /** Gitea's own fields to write with the body (milestone by name); absent when none changes. */
  fieldEdits?: FieldEdits;
}

export interface ParsedStep {
  hash: string;
  text: string;
  checked: boolean;
}

/** An issue body read back: the managed block and the bytes around it. */
export interface ParsedBody {
  /** ok: one whole block; missing: no start marker; broken: start without end, or more than one block. */
  status: "ok" | "missing" | "broken";
  findingId: string | null;
  /** Bytes before the block (the whole body when missing). */
  before: string;
  /** Bytes after the block. */
  after: string;
  steps: ParsedStep[];
  state: BotState | null;
}
