/**
 * The ID, references and title of a finding heading: `ID: REF - Title`, `ID. Title`,
 * `ID — Title`, or `Title (ID)`.
 */

export interface HeadingId {
  id: string;
  refs: string[];
  title: string;
}

export interface IdMatcher {
  /** The ID with its separator at the start of the text; groups: `id`, `rest`. */
  readonly leading: RegExp;
  /** The inside of trailing parentheses that hold IDs: `ID` or `ID, REF`. */
  readonly idList: RegExp;
  /** A whole string that is exactly one ID. */
  readonly exact: RegExp;
}

/** Emphasis or code marks an author may put around the ID. */
const MARK = "(?<mark>\\*\\*|__|\\*|_|`)?";
/** `:` or `.` (then space or end), ` - `, ` — `, ` – `, or the end of the heading. */
const SEPARATOR = "(?:[ \\t]*[:.](?=\\s|$)|[ \\t]+[-—–](?=\\s)|[ \\t]*$)";

/** Compiles an ID pattern (regular expression source, no anchors); throws SyntaxError when invalid. */
export function compileIdMatcher(idPattern: string): IdMatcher {
  new RegExp(idPattern);
  const id = `(?:${idPattern})`;
  return {
    leading: new RegExp(`^${MARK}(?<id>${id})\\k<mark>${SEPARATOR}[ \\t]*(?<rest>.*)$`),
    idList: new RegExp(`^[ \\t]*${id}(?:[ \\t]*[,;][ \\t]*${id})*[ \\t]*$`),
    exact: new RegExp(`^${id}$`),
  };
}

/** The finding identity in a heading's text, or null when the heading carries no ID. */
export function parseHeadingId(text: string, matcher: IdMatcher): HeadingId | null {
  const trimmed = text.trim();
  const leading = matcher.leading.exec(trimmed);
  if (leading?.groups?.id) {
    const refs: string[] = [];
    let rest = leading.groups.rest ?? "";
    for (let ref = matcher.leading.exec(rest); ref?.groups?.id; ref = matcher.leading.exec(rest)) {
      refs.push(ref.groups.id);
      rest = ref.groups.rest ?? "";
    }
    return { id: leading.groups.id, refs, title: rest.trim() };
  }
  if (!trimmed.endsWith(")")) return null;
  const open = trimmed.lastIndexOf("(");
  const inside = trimmed.slice(open + 1, -1);
  if (open < 0 || !matcher.idList.test(inside)) return null;
  const ids = inside
    .split(/[,;]/)
    .map((part) => part.trim())
    .filter((part) => matcher.exact.test(part));
  const [id, ...refs] = ids;
  if (id === undefined) return null;
  const title = trimmed
    .slice(0, open)
    .replace(/[ \t]*(?:[:.]|[-—–])?[ \t]*$/, "")
    .trim();
  return { id, refs, title };
}
