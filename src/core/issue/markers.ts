/** The hidden markers of the managed block (§3.1, §3.2): how they are written and found. */

export const END_MARKER = "<!-- deferbot:end -->";

/** `<!-- deferbot:finding id=ID -->`; an ID that could end the comment is percent-encoded. */
export function startMarker(findingId: string): string {
  return `<!-- deferbot:finding id=${encodeMarkerId(findingId)} -->`;
}

export function stepMarker(hash: string): string {
  return `<!-- step:${hash} -->`;
}

export function stateMarker(encoded: string): string {
  return `<!-- deferbot:state ${encoded} -->`;
}

/** Matches a start marker; group 1 is the encoded ID. Tolerates spacing a person changed. */
/**
 * Block markers count only on a line of their own, as the bot writes them: a person who quotes
 * one in a note (`` `<!-- deferbot:end -->` ``) has written text, not moved the block's edge.
 */
export const START_MARKER_RE =
  /^[ \t]*<!--[ \t]*deferbot:finding[ \t]+id=([^\s>]+?)[ \t]*-->(?=[ \t]*\r?$)/gm;
export const END_MARKER_RE = /^[ \t]*<!--[ \t]*deferbot:end[ \t]*-->(?=[ \t]*\r?$)/gm;
/** Group 1 is the encoded state (standard base64, which never contains `--`). */
export const STATE_MARKER_RE = /<!--[ \t]*deferbot:state[ \t]+([A-Za-z0-9+/=]*)[ \t]*-->/;
/** A top-level checklist step: group 1 the tick, group 2 the text, group 3 the step hash. */
export const STEP_LINE_RE =
  /^[-*+] \[([ xX])\] ([^\n]*?)[ \t]*<!--[ \t]*step:([0-9a-f]{4,64})[ \t]*-->[^\n]*$/;

/** IDs matching the default pattern pass unchanged; anything that could break the comment is encoded. */
export function encodeMarkerId(id: string): string {
  const encoded = encodeURIComponent(id);
  return encoded.includes("--") ? encoded.replaceAll("-", "%2D") : encoded;
}

export function decodeMarkerId(encoded: string): string {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return encoded;
  }
}

/** The source note line that opens the block (used to bound an old block whose start marker was deleted). */
export const SOURCE_NOTE_RE = /^Tracked from \[.*\]\(\S*\/src\/commit\/\S+\) by deferbot\./;
