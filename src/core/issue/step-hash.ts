/** The hash in a step's marker: a short digest of the step text with case and whitespace folded. */
import { hash } from "node:crypto";

export const STEP_HASH_LENGTH = 8;

/** Case and whitespace folded; zero-width joiners (the neutraliser's) dropped. */
export function normaliseStepText(text: string): string {
  return text.replaceAll("\u200D", "").normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
}

export function stepHash(text: string): string {
  return shortHash(normaliseStepText(text));
}

export function shortHash(text: string): string {
  return hash("sha256", text, "hex").slice(0, STEP_HASH_LENGTH);
}
