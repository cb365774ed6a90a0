/** The preview's one-line summary: "Merging this will open 1, update 1 and close 1 tracking issue." */
import type { PreviewCounts } from "./types.js";

export function summaryLine(counts: PreviewCounts): string {
  const parts = (
    [
      ["open", counts.open],
      ["update", counts.update],
      ["reopen", counts.reopen],
      ["close", counts.close],
    ] as const
  )
    .filter(([, n]) => n > 0)
    .map(([verb, n]) => `${verb} ${n}`);
  if (parts.length === 0) return "Merging this changes no tracking issue.";
  const noun = Object.values(counts).some((n) => n > 1) ? "tracking issues" : "tracking issue";
  return `Merging this will ${joinAnd(parts)} ${noun}.`;
}

/** `a`, `a and b`, `a, b and c`. */
export function joinAnd(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join("");
  return `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
}

/** `1 error`, `2 errors`. */
export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
