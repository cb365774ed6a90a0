/** What is wrong with an `idPattern` (SPEC §6), or null: for the schema and for `deferbot plan --id-pattern`. */
import { compileIdMatcher } from "../document/heading-id.js";

export function idPatternProblem(pattern: string): string | null {
  try {
    // The parser's own compiler: it also rejects what only breaks once the pattern is embedded
    // (`a)|(b`, a named group the parser uses itself).
    compileIdMatcher(pattern);
  } catch (error) {
    return `must be a valid regular expression (${(error as Error).message})`;
  }
  if (new RegExp(`^(?:${pattern})$`).test("")) return "must not match the empty string";
  if (hasAnchor(pattern)) return "must not contain ^ or $ (it is matched inside the heading)";
  if (/(?:^|[^\\])(?:\\\\)*\\[1-9]/.test(pattern))
    return "must not use numbered backreferences such as \\1 (the pattern is embedded in a larger one; use a named group and \\k<name>)";
  return null;
}

/** `^` or `$` outside a character class and not escaped. */
function hasAnchor(pattern: string): boolean {
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === "\\") i++;
    else if (inClass) inClass = char !== "]";
    else if (char === "[") inClass = true;
    else if (char === "^" || char === "$") return true;
  }
  return false;
}
