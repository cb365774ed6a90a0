/** The risk level and rationale of a `risk` value: `Medium — Mitigated by…`. */
import type { Risk } from "./types.js";

/**
 * The first word (emphasis marks around it ignored) is the level when it is a known one,
 * in any case; the rationale is what follows it and a separator (`—`, `–`, `-`, `:`, `,`).
 * With no known level, `level` is null and the rationale is the whole value.
 */
export function parseRisk(value: string, levels: readonly string[]): Risk {
  const text = value.trim();
  const lead = /^[*_`~]*/.exec(text)?.[0].length ?? 0;
  const word = leadingWord(text.slice(lead));
  const level = word.toLowerCase();
  if (word === "" || !levels.includes(level)) return { level: null, word, rationale: text };
  const rationale = text
    .slice(lead + word.length)
    .replace(/^[*_`~]+/, "")
    .replace(/^[ \t]*(?:[—–:;,.]|-+)?\s*/, "")
    .trim();
  return { level, word, rationale };
}

const ASCII_WORD = /^[A-Za-z0-9]+/;
const WORD = /^[\p{L}\p{N}]+/u;

/** Letters and digits at the start; the Unicode-aware pattern only where a non-ASCII one follows. */
function leadingWord(text: string): string {
  const ascii = ASCII_WORD.exec(text)?.[0] ?? "";
  return text.charCodeAt(ascii.length) > 0x7f ? (WORD.exec(text)?.[0] ?? "") : ascii;
}
