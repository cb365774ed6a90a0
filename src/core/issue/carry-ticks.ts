/**
 * Ticks carried from a twin to the issue kept in its place (§3.1): a step ticked on either stays
 * ticked. Which step of the kept issue a twin's step is follows the checklist merge (§3.3: same
 * text, or a rewording similar enough), so a twin written from an older version still counts.
 */
import { STEP_LINE_RE } from "./markers.js";
import { mergeSteps } from "./merge-steps.js";
import { parseIssueBody } from "./parse-issue-body.js";
import type { ParsedStep } from "./types.js";

/** The kept issue's steps that a twin has ticked and it has not (steps of the block of `ownId`). */
export function ticksToCarry(
  keptBody: string,
  twinBodies: readonly string[],
  ownId: string,
): ParsedStep[] {
  const kept = parseIssueBody(keptBody, ownId).steps;
  const wanted = new Set<number>();
  for (const body of twinBodies) {
    const twin = parseIssueBody(body, ownId).steps;
    const paired = mergeSteps(
      twin,
      kept.map((step) => ({ text: step.text, hash: step.hash })),
    ).checked;
    paired.forEach((ticked, index) => {
      if (ticked && !kept[index]?.checked) wanted.add(index);
    });
  }
  return [...wanted]
    .sort((a, b) => a - b)
    .flatMap((index) => {
      const step = kept[index];
      return step ? [{ ...step, checked: true }] : [];
    });
}

/**
 * The body with the steps of `toTick` ticked (by step marker, or by the same text when the block
 * was rewritten since); every other byte as it was, a step already ticked or unticked by nobody
 * else left alone.
 */
export function applyCarriedTicks(
  body: string,
  toTick: readonly ParsedStep[],
  ownId: string,
): string {
  const own = new Set(parseIssueBody(body, ownId).steps.map((step) => step.hash));
  const hashes = new Set(toTick.map((step) => step.hash));
  const texts = new Set(toTick.map((step) => fold(step.text)));
  return body.replace(/^[^\n]*$/gm, (line) => {
    const m = STEP_LINE_RE.exec(line.replace(/\r$/, ""));
    if (m?.[1] !== " " || !own.has(m[3] ?? "")) return line;
    if (!hashes.has(m[3] ?? "") && !texts.has(fold(m[2] ?? ""))) return line;
    return line.replace(/^([-*+] )\[ \]/, "$1[x]");
  });
}

function fold(text: string): string {
  return text.replace(/\s+/g, " ").trim().toLowerCase();
}
