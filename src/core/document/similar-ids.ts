/** Finding IDs that differ only by case or Unicode normalisation (SPEC §2.2: a warning). */
import type { Diagnostic, Finding } from "./types.js";

/** The form two IDs share when they differ only by case or NFC/NFKC normalisation. */
function foldId(id: string): string {
  // ASCII is its own NFKC form (and the usual ID): lower case is all that is left to do.
  if (/^[\x20-\x7e]*$/.test(id)) return id.toLowerCase();
  return id.normalize("NFKC").toLowerCase().normalize("NFKC");
}

/** One warning per finding whose ID folds to that of an earlier one; both stay findings. */
export function similarIds(findings: readonly Finding[]): Diagnostic[] {
  const firstOf = new Map<string, Finding>();
  const warnings: Diagnostic[] = [];
  for (const finding of findings) {
    const key = foldId(finding.id);
    const first = firstOf.get(key);
    if (!first) {
      firstOf.set(key, finding);
      continue;
    }
    const a = first.span.startLine;
    const b = finding.span.startLine;
    warnings.push({
      severity: "warning",
      code: "similar-ids",
      message: `IDs ${JSON.stringify(first.id)} (line ${a}) and ${JSON.stringify(finding.id)} (line ${b}) differ only by case or Unicode normalisation, so their issues look alike; both are synced. Give one of them a clearly different ID.`,
      line: b,
      column: 1,
      findingId: finding.id,
    });
  }
  return warnings;
}
