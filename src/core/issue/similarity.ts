/**
 * Text similarity for the checklist merge (§3.3): the higher of normalised edit similarity and
 * bigram (Dice) similarity, after folding case and whitespace. 1 means equal, 0 nothing shared.
 * The merge asks only "at least this similar?", which lets the edit distance stop early; that
 * keeps a merge of hundreds of steps against hundreds in milliseconds.
 */
import { normaliseStepText } from "./step-hash.js";

export interface PreparedText {
  folded: string;
  chars: number[];
  /** Adjacent code point pairs as numbers, sorted, for a merge-style Dice count. */
  bigrams: Float64Array;
}

export function prepareText(text: string): PreparedText {
  const folded = normaliseStepText(text);
  return prepareFolded(folded);
}

function prepareFolded(folded: string): PreparedText {
  const chars = Array.from(folded, (c) => c.codePointAt(0) ?? 0);
  const bigrams = new Float64Array(Math.max(0, chars.length - 1));
  for (let i = 0; i + 1 < chars.length; i++) {
    bigrams[i] = (chars[i] ?? 0) * 0x110000 + (chars[i + 1] ?? 0);
  }
  bigrams.sort();
  return { folded, chars, bigrams };
}

export function textSimilarity(a: string, b: string): number {
  return similarityAtLeast(prepareText(a), prepareText(b), 0) ?? 0;
}

/** The similarity of two prepared texts when it is at least `threshold`, else null. */
export function similarityAtLeast(
  a: PreparedText,
  b: PreparedText,
  threshold: number,
): number | null {
  if (a.folded === b.folded) return 1;
  if (a.chars.length === 0 || b.chars.length === 0) return threshold <= 0 ? 0 : null;
  const shared = sharedBigrams(a, b);
  const dice = diceOf(a, b, shared);
  const floor = Math.max(dice, threshold);
  const longer = Math.max(a.chars.length, b.chars.length);
  const maxDistance = Math.floor((1 - floor) * longer + 1e-9);
  // q-gram lemma: one edit destroys at most two bigrams, so few shared bigrams bound the
  // distance from below and the edit distance need not be computed.
  const atLeast = Math.ceil((longer - 1 - shared) / 2);
  const distance =
    atLeast > maxDistance ? maxDistance + 1 : boundedEditDistance(a.chars, b.chars, maxDistance);
  const edit = distance > maxDistance ? 0 : 1 - distance / longer;
  const best = Math.max(dice, edit);
  return best >= threshold ? best : null;
}

/** 1 − Levenshtein distance / length of the longer text (in code points). */
export function editSimilarity(a: string, b: string): number {
  const x = Array.from(a, (c) => c.codePointAt(0) ?? 0);
  const y = Array.from(b, (c) => c.codePointAt(0) ?? 0);
  const longer = Math.max(x.length, y.length);
  if (longer === 0) return 1;
  return 1 - boundedEditDistance(x, y, longer) / longer;
}

/** Dice coefficient over the multisets of adjacent character pairs. */
export function bigramSimilarity(a: string, b: string): number {
  return diceOf(prepareFolded(a), prepareFolded(b));
}

function diceOf(a: PreparedText, b: PreparedText, shared = sharedBigrams(a, b)): number {
  if (a.bigrams.length === 0 || b.bigrams.length === 0) return a.folded === b.folded ? 1 : 0;
  return (2 * shared) / (a.bigrams.length + b.bigrams.length);
}

function sharedBigrams(a: PreparedText, b: PreparedText): number {
  const x = a.bigrams;
  const y = b.bigrams;
  let shared = 0;
  let i = 0;
  let j = 0;
  while (i < x.length && j < y.length) {
    const p = x[i] as number;
    const q = y[j] as number;
    if (p === q) {
      shared++;
      i++;
      j++;
    } else if (p < q) i++;
    else j++;
  }
  return shared;
}

/**
 * Levenshtein distance, computed only within `max` of the diagonal; any distance above `max` is
 * returned as `max + 1`.
 */
function boundedEditDistance(a: readonly number[], b: readonly number[], max: number): number {
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > max) return max + 1;
  const over = max + 1;
  let previous = new Array<number>(m + 1);
  let current = new Array<number>(m + 1);
  for (let j = 0; j <= m; j++) previous[j] = j <= max ? j : over;
  for (let i = 1; i <= n; i++) {
    const from = Math.max(1, i - max);
    const to = Math.min(m, i + max);
    current[0] = i <= max ? i : over;
    if (from > 1) current[from - 1] = over;
    let rowMin = from > 1 ? over : (current[0] ?? over);
    for (let j = from; j <= to; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(
        (previous[j] ?? over) + 1,
        (current[j - 1] ?? over) + 1,
        (previous[j - 1] ?? over) + cost,
      );
      current[j] = Math.min(value, over);
      if (value < rowMin) rowMin = value;
    }
    if (to < m) current[to + 1] = over;
    if (rowMin > max) return over;
    [previous, current] = [current, previous];
  }
  const distance = previous[m] ?? over;
  return distance > max ? over : distance;
}
