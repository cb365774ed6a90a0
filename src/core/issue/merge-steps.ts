/**
 * The checklist merge of §3.3: which step of the issue as it is now each new step is, so its tick
 * carries over. Rules, applied in this order, each pairing a step at most once:
 * 1. same text (equal marker hash or equal folded text), at any position, the nearest first:
 *    keeps its tick;
 * 2. reworded, any position, similarity ≥ 0.85 (best pairs first);
 * 3. reworded, same position, similarity ≥ 0.6;
 * new steps come in unticked; steps left unpaired are removed.
 * Rule 2 runs before rule 3 so a moved-and-reworded step is not claimed by whatever now sits at
 * its old position.
 */
import { type PreparedText, prepareText, similarityAtLeast } from "./similarity.js";
import type { ParsedStep } from "./types.js";

export const SAME_POSITION_SIMILARITY = 0.6;
export const ANY_POSITION_SIMILARITY = 0.85;

export interface NewStep {
  text: string;
  hash: string;
}

export interface RewordedStep {
  from: string;
  to: string;
  /** The tick carried over. */
  checked: boolean;
}

export interface StepMerge {
  /** Tick of each new step, in order. */
  checked: boolean[];
  added: string[];
  removed: ParsedStep[];
  reworded: RewordedStep[];
}

export function mergeSteps(current: readonly ParsedStep[], next: readonly NewStep[]): StepMerge {
  const pairOf = new Array<number | null>(next.length).fill(null);
  const taken = new Set<number>();
  const pair = (newIndex: number, oldIndex: number) => {
    pairOf[newIndex] = oldIndex;
    taken.add(oldIndex);
  };

  const oldTexts = current.map((step) => prepareText(step.text));
  const newTexts = next.map((step) => prepareText(step.text));
  const same = (i: number, j: number) =>
    current[i]?.hash === next[j]?.hash || oldTexts[i]?.folded === newTexts[j]?.folded;

  // Among identical steps, the nearest one pairs; at equal distance a ticked one, so a tick is
  // not lost when one of two identical steps goes.
  next.forEach((_, j) => {
    let best = -1;
    current.forEach((step, i) => {
      if (taken.has(i) || !same(i, j)) return;
      const chosen = current[best];
      const nearer = best < 0 || Math.abs(i - j) < Math.abs(best - j);
      const asNearAndTicked =
        chosen !== undefined &&
        Math.abs(i - j) === Math.abs(best - j) &&
        step.checked &&
        !chosen.checked;
      if (nearer || asNearAndTicked) best = i;
    });
    if (best >= 0) pair(j, best);
  });

  const candidates: { i: number; j: number; similarity: number }[] = [];
  next.forEach((_, j) => {
    if (pairOf[j] !== null) return;
    current.forEach((_, i) => {
      if (taken.has(i)) return;
      const similarity = similarityAtLeast(
        oldTexts[i] as PreparedText,
        newTexts[j] as PreparedText,
        ANY_POSITION_SIMILARITY,
      );
      if (similarity !== null) candidates.push({ i, j, similarity });
    });
  });
  candidates.sort(
    (a, b) => b.similarity - a.similarity || Math.abs(a.i - a.j) - Math.abs(b.i - b.j) || a.j - b.j,
  );
  for (const { i, j } of candidates) {
    if (pairOf[j] === null && !taken.has(i)) pair(j, i);
  }

  next.forEach((_, j) => {
    const old = oldTexts[j];
    const step = newTexts[j] as PreparedText;
    if (pairOf[j] !== null || old === undefined || taken.has(j)) return;
    if (similarityAtLeast(old, step, SAME_POSITION_SIMILARITY) !== null) pair(j, j);
  });

  const merge: StepMerge = { checked: [], added: [], removed: [], reworded: [] };
  next.forEach((step, j) => {
    const i = pairOf[j];
    const old = i === null || i === undefined ? undefined : current[i];
    if (!old) {
      merge.checked.push(false);
      merge.added.push(step.text);
      return;
    }
    merge.checked.push(old.checked);
    if (!same(i as number, j)) {
      merge.reworded.push({ from: old.text, to: step.text, checked: old.checked });
    }
  });
  current.forEach((old, i) => {
    if (!taken.has(i)) merge.removed.push(old);
  });
  return merge;
}
