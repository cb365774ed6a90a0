/** The labels that start a field (`**File:**`, `**File**:`, `File:`) and the field each one means. */
import type { FieldKey } from "./types.js";

/** SPEC §2.1: the built-in labels of each known field. */
export const BUILT_IN_ALIASES: Readonly<Record<FieldKey, readonly string[]>> = {
  file: ["File", "Files", "File(s)", "Location", "Locations", "Path", "Directory"],
  error: ["Error", "Problem", "Issue", "Description"],
  category: ["Category", "Type", "Area"],
  reason: ["Reason", "Rationale", "Why deferred"],
  approach: [
    "Suggested approach",
    "Approach",
    "Recommended approach",
    "Required actions",
    "Remediation",
    "Fix",
    "Fix required",
    "Plan",
    "Steps",
  ],
  risk: ["Risk", "Severity", "Impact", "Priority"],
};

export type LabelTable = ReadonlyMap<string, FieldKey>;

/** Label (normalised) → field, from the built-in aliases plus the configured extra ones. */
export function buildLabelTable(extra: Partial<Record<FieldKey, string[]>> = {}): LabelTable {
  const table = new Map<string, FieldKey>();
  for (const [key, labels] of Object.entries(BUILT_IN_ALIASES) as [FieldKey, readonly string[]][]) {
    for (const label of labels) table.set(normaliseLabel(label), key);
  }
  for (const [key, labels] of Object.entries(extra) as [FieldKey, unknown][]) {
    if (!(key in BUILT_IN_ALIASES) || !Array.isArray(labels)) continue;
    for (const label of labels) {
      if (typeof label === "string" && label.trim() !== "") table.set(normaliseLabel(label), key);
    }
  }
  return table;
}

export function normaliseLabel(label: string): string {
  let normalised = normalisedLabels.get(label);
  if (normalised === undefined) {
    normalised = label.trim().replace(/\s+/g, " ").toLowerCase();
    // The same few labels come back in every section: their forms are kept, within a bound.
    if (normalisedLabels.size >= 1000) normalisedLabels.clear();
    normalisedLabels.set(label, normalised);
  }
  return normalised;
}

const normalisedLabels = new Map<string, string>();

export interface LabelMatch {
  /** The label as written, without bold marks and colon. */
  label: string;
  bold: boolean;
  /** Characters from the start of the line text to the start of the value. */
  length: number;
}

/** A label's text: starts with a letter, no Markdown punctuation, at most 60 characters. */
const LABEL_TEXT = "[\\p{L}][\\p{L}\\p{N} ()/&'’,+.-]{0,59}?";
const BOLD_LABEL = new RegExp(
  `^(?<mark>\\*\\*|__)[ \\t]*(?<label>${LABEL_TEXT})[ \\t]*(?<inner>:?)\\k<mark>(?<outer>:?)(?=\\s|$)`,
  "u",
);
const PLAIN_LABEL = new RegExp(`^(?<label>${LABEL_TEXT}):(?=\\s|$)`, "u");

/**
 * The label at the start of `text` (a line of a paragraph, from where the paragraph's
 * content starts), or null. A bold label needs exactly one colon, inside or outside the bold.
 */
export function matchLabel(text: string): LabelMatch | null {
  // Either form needs a colon.
  if (!text.includes(":")) return null;
  const bold = BOLD_LABEL.exec(text);
  if (bold?.groups) {
    const { label = "", inner, outer } = bold.groups;
    if ((inner === ":") === (outer === ":") || label.trim() === "") return null;
    return { label: label.trim(), bold: true, length: bold[0].length };
  }
  const plain = PLAIN_LABEL.exec(text);
  if (plain?.groups?.label) {
    const label = plain.groups.label.trim();
    if (label.endsWith(".") || label.endsWith(",")) return null;
    return { label, bold: false, length: plain[0].length };
  }
  return null;
}
