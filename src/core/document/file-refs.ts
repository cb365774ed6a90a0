/** The files of a `file` value: `path`, `path:19`, `path:19-40`, comma separated or as a list. */
import type { FileRef } from "./types.js";

/**
 * Code spans are the paths when the value has any; otherwise each comma- or line-separated
 * entry that has no spaces. Parenthesised remarks (`(44 files)`) are dropped.
 */
export function parseFileRefs(value: string): FileRef[] {
  const withoutRemarks = dropRemarks(value);
  const spans = [...withoutRemarks.matchAll(/(`+)([^`]+?)\1/g)].map((m) => (m[2] ?? "").trim());
  const entries =
    spans.length > 0
      ? spans
      : withoutRemarks
          .split("\n")
          .map((line) => line.replace(/^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?/, ""))
          .flatMap((line) => line.split(","))
          .map((entry) => entry.replace(/[*_]/g, "").trim());
  const refs: FileRef[] = [];
  for (const entry of entries) {
    const cleaned = entry.replace(/^<(.*)>$/, "$1").replace(/[.;]$/, "");
    if (cleaned === "" || /\s/.test(cleaned)) continue;
    refs.push(toFileRef(cleaned));
  }
  return refs;
}

function toFileRef(entry: string): FileRef {
  const colon = /^(.+?):(\d+)(?:-(\d+))?$/.exec(entry);
  const anchor = /^(.+?)#L(\d+)(?:-L?(\d+))?$/.exec(entry);
  const match = colon ?? anchor;
  if (!match?.[1] || !match[2]) return { path: entry };
  const ref: FileRef = { path: match[1], startLine: Number(match[2]) };
  if (match[3]) ref.endLine = Number(match[3]);
  return ref;
}

/** The value without parenthesised remarks (a `(` after a space); code spans are kept whole. */
function dropRemarks(value: string): string {
  let out = "";
  let depth = 0;
  let i = 0;
  while (i < value.length) {
    const char = value[i] ?? "";
    if (char === "`") {
      const fence = /^`+/.exec(value.slice(i))?.[0] ?? "`";
      const close = value.indexOf(fence, i + fence.length);
      const end = close < 0 ? value.length : close + fence.length;
      if (depth === 0) out += value.slice(i, end);
      i = end;
      continue;
    }
    if (char === "(" && (i === 0 || /\s/.test(value[i - 1] ?? ""))) depth++;
    else if (char === ")" && depth > 0) depth--;
    else if (depth === 0) out += char;
    i++;
  }
  return out;
}
