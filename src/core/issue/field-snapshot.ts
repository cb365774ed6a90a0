/**
 * What the block shows per field, kept in the state line so the next change can be summarised as
 * `Risk: Low → Medium` (§3.3). Short one-line values are kept as `=value`; longer ones only as
 * `#hash`, enough to say that they changed without bloating the state line.
 *
 * The extra fields the block shows under "Other fields" and the issue fields of SPEC §8 (`Owner`,
 * `Due`, `Blocked by`, `Milestone`, which Gitea's own fields show) are each their own entry, under
 * the label the document gives them, in document order: so a change reads `Owner: alice → bob`,
 * and an issue written before the issue fields moved out of the block keeps the same snapshot.
 */
import type { Finding } from "../document/types.js";
import { lineSuffix } from "./links.js";
import { shortHash } from "./step-hash.js";

const MAX_KEPT_VALUE = 80;

export function fieldSnapshot(finding: Finding): Record<string, string> {
  const snapshot = new Map<string, string>();
  const put = (label: string, value: string | null | undefined) => {
    if (value === null || value === undefined || value.trim() === "") return;
    let key = label;
    for (let n = 2; snapshot.has(key); n++) key = `${label} (${n})`;
    snapshot.set(key, keep(value.trim()));
  };
  put("Title", finding.title);
  put("Refs", finding.refs.join(", "));
  put("File", fileText(finding));
  put("Category", finding.category);
  put("Risk", finding.risk?.word);
  put("Risk rationale", finding.risk?.rationale);
  put("Error", finding.error);
  put("Reason", finding.reason);
  put("Approach", finding.approachText);
  for (const field of finding.fields) if (field.key === null) put(field.label, field.value);
  return Object.fromEntries(snapshot);
}

function fileText(finding: Finding): string | null {
  if (finding.files.length > 0) {
    return finding.files.map((f) => `${f.path}${lineSuffix(f.startLine, f.endLine)}`).join(", ");
  }
  return finding.fields.find((field) => field.key === "file")?.value ?? null;
}

function keep(value: string): string {
  if (!value.includes("\n") && Array.from(value).length <= MAX_KEPT_VALUE) return `=${value}`;
  return `#${shortHash(value)}`;
}

export interface FieldChange {
  label: string;
  /** The previous value when it was kept, else null (changed, or added). */
  from: string | null;
  /** The new value when it is kept, else null (changed, or removed). */
  to: string | null;
  kind: "changed" | "added" | "removed";
}

/** Field changes between two snapshots, in the order of the newer one (removed fields last). */
export function diffFieldSnapshots(
  before: Record<string, string>,
  after: Record<string, string>,
): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const [label, value] of Object.entries(after)) {
    const old = Object.hasOwn(before, label) ? before[label] : undefined;
    if (old === value) continue;
    changes.push({
      label,
      from: old === undefined ? null : keptValue(old),
      to: keptValue(value),
      kind: old === undefined ? "added" : "changed",
    });
  }
  for (const [label, old] of Object.entries(before)) {
    if (!Object.hasOwn(after, label))
      changes.push({ label, from: keptValue(old), to: null, kind: "removed" });
  }
  return changes;
}

function keptValue(stored: string): string | null {
  return stored.startsWith("=") ? stored.slice(1) : null;
}
