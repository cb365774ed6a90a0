/**
 * The finding ID a title starts with (`ID:` …), for adopting a bot-authored issue whose block
 * marker a person deleted (§3.1). Null when the title does not start that way or the pattern is
 * not a valid regular expression.
 */
export function findingIdFromTitle(title: string, idPattern: string): string | null {
  let re: RegExp;
  try {
    re = new RegExp(`^\\s*(${idPattern})\\s*:`);
  } catch {
    return null;
  }
  return re.exec(title)?.[1] ?? null;
}
