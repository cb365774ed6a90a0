/** `ticked/total` with a small text bar, e.g. `2/4 ▰▰▰▰▱▱▱▱` (eight cells, rounded down). */
const CELLS = 8;

export function progressText(ticked: number, total: number): string {
  if (total <= 0) return "—";
  const done = Math.min(CELLS, Math.floor((Math.min(ticked, total) / total) * CELLS));
  return `${ticked}/${total} ${"▰".repeat(done)}${"▱".repeat(CELLS - done)}`;
}
