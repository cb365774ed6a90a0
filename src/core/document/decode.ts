/**
 * Bytes or text in, one string out: UTF-8 checked, BOM dropped, line endings made `\n`.
 * Problems become diagnostics; nothing here throws.
 */
import type { Diagnostic } from "./types.js";

export interface DecodedText {
  /** The document with `\r\n` and `\r` turned into `\n` (so line numbers stay those of the original). */
  text: string;
  diagnostics: Diagnostic[];
  /** Over the size limit: the caller must not parse `text` (it is empty). */
  tooLarge: boolean;
}

const BOM = "\uFEFF";

export function decodeInput(input: string | Uint8Array, maxBytes: number): DecodedText {
  // A UTF-16 code unit takes at most 3 bytes of UTF-8: a short text need not be measured.
  const size =
    typeof input !== "string"
      ? input.byteLength
      : input.length * 3 <= maxBytes
        ? 0
        : utf8Length(input);
  if (size > maxBytes) {
    return {
      text: "",
      tooLarge: true,
      diagnostics: [
        {
          severity: "error",
          code: "too-large",
          message: `The document is ${formatBytes(size)}, over the ${formatBytes(maxBytes)} limit; split it into smaller registers.`,
          line: 1,
        },
      ],
    };
  }
  const diagnostics: Diagnostic[] = [];
  let text: string;
  if (typeof input === "string") {
    text = input;
  } else {
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(input);
    } catch {
      const bad = firstInvalidByte(input);
      diagnostics.push({
        severity: "error",
        code: "invalid-utf8",
        message: `The document is not valid UTF-8 (first bad byte at offset ${bad.offset}); save it as UTF-8. Unreadable bytes were replaced with U+FFFD.`,
        line: bad.line,
        column: bad.column,
      });
      text = new TextDecoder("utf-8").decode(input);
    }
  }
  if (text.startsWith(BOM)) text = text.slice(1);
  return { text: text.replace(/\r\n?/g, "\n"), diagnostics, tooLarge: false };
}

/**
 * The bytes as text exactly as stored, byte order mark and line endings kept (for writing the
 * document back with every other byte unchanged), or null when they are not valid UTF-8.
 */
export function decodeExact(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** UTF-8 length of a string (a lone surrogate counts as the 3 bytes of U+FFFD). */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** Where the first byte that breaks UTF-8 sits: byte offset, 1-based line and column in characters. */
function firstInvalidByte(bytes: Uint8Array): { offset: number; line: number; column: number } {
  let line = 1;
  let column = 1;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    const length = sequenceLength(bytes, i);
    if (length === 0) return { offset: i, line, column };
    if (b === 0x0a || (b === 0x0d && bytes[i + 1] !== 0x0a)) {
      line++;
      column = 1;
    } else if (b !== 0x0d) column++;
    i += length;
  }
  return { offset: bytes.length, line, column };
}

/** Length of the valid UTF-8 sequence at `i`, or 0 when it is not one. */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const b0 = bytes[i] ?? 0;
  if (b0 < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf) => {
    const b = bytes[i + k];
    return b !== undefined && b >= lo && b <= hi;
  };
  if (b0 >= 0xc2 && b0 <= 0xdf) return cont(1) ? 2 : 0;
  if (b0 === 0xe0) return cont(1, 0xa0) && cont(2) ? 3 : 0;
  if (b0 === 0xed) return cont(1, 0x80, 0x9f) && cont(2) ? 3 : 0;
  if (b0 >= 0xe1 && b0 <= 0xef) return cont(1) && cont(2) ? 3 : 0;
  if (b0 === 0xf0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (b0 >= 0xf1 && b0 <= 0xf3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (b0 === 0xf4) return cont(1, 0x80, 0x8f) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}
