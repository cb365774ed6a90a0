/**
 * Text similarity for the checklist merge (§3.3): the higher of normalised edit similarity and
 * bigram (Dice) similarity, after folding case and whitespace. 1 means equal, 0 nothing shared.
 */
import { normaliseStepText } from "./step-hash.js";

export function textSimilarity(a: string, b: string): number {
  const x = normaliseStepText(a);
  const y = normaliseStepText(b);
  if (x === y) return 1;
  if (x.length === 0 || y.length === 0) return 0;
  return Math.max(bigramSimilarity(x, y), editSimilarity(x, y));
}

/** 1 − Levenshtein distance / length of the longer text (in code points). */
export function editSimilarity(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  const longer = Math.max(x.length, y.length);
  if (longer === 0) return 1;
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (x[i - 1] === y[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return 1 - (previous[y.length] ?? longer) / longer;
}

/** Dice coefficient over the multisets of adjacent character pairs. */
export function bigramSimilarity(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  if (x.length === 0 || y.length === 0) return a === b ? 1 : 0;
  const counts = new Map<string, number>();
  for (const pair of x) counts.set(pair, (counts.get(pair) ?? 0) + 1);
  let shared = 0;
  for (const pair of y) {
    const left = counts.get(pair) ?? 0;
    if (left > 0) {
      shared++;
      counts.set(pair, left - 1);
    }
  }
  return (2 * shared) / (x.length + y.length);
}

function bigrams(text: string): string[] {
  const chars = Array.from(text);
  const pairs: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) pairs.push(`${chars[i]}${chars[i + 1]}`);
  return pairs;
}
