/** The one cut of text to a length in characters (code points, so no surrogate pair is split), with `…`. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("")}…`;
}
