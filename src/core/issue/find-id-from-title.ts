/**
 * The finding ID a title starts with (`ID:` …), for adopting a bot-authored issue whose block
 * marker a person deleted (§3.1). Null when the title does not start that way or the pattern is
 * not a valid regular expression.
 */
export function findingIdFromTitle(title: string, idPattern: string): string | null {
  return titleMatcher(idPattern)?.exec(title)?.[1] ?? null;
}

/** A sync reads every listed issue's title with the same pattern: it is compiled once. */
let compiled: { pattern: string; re: RegExp | null } | undefined;

function titleMatcher(idPattern: string): RegExp | null {
  if (compiled?.pattern !== idPattern) {
    let re: RegExp | null;
    try {
      re = new RegExp(`^\\s*(${idPattern})\\s*:`);
    } catch {
      re = null;
    }
    compiled = { pattern: idPattern, re };
  }
  return compiled.re;
}
