/** Durations in settings: `500ms`, `30s`, `10m`, `6h`, or a plain number of milliseconds. */
const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;

/** Milliseconds, or null when the text is not a duration. */
export function parseDuration(text: string): number | null {
  const match = /^(\d+)(ms|s|m|h)?$/.exec(text.trim());
  if (!match?.[1]) return null;
  const ms = Number(match[1]) * UNIT_MS[(match[2] ?? "ms") as keyof typeof UNIT_MS];
  return Number.isSafeInteger(ms) ? ms : null;
}

/** `30s`, `10m`, `6h`: the largest unit that divides the duration. */
export function formatDuration(ms: number): string {
  for (const unit of ["h", "m", "s"] as const)
    if (ms >= UNIT_MS[unit] && ms % UNIT_MS[unit] === 0) return `${ms / UNIT_MS[unit]}${unit}`;
  return `${ms}ms`;
}
