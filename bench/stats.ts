/** Small statistics over measured figures. */

/** The middle value (mean of the two middle ones for an even count); NaN when empty. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** Nearest-rank percentile of ascending `sorted` (p in 0-100); NaN when empty. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}

/** Growth for a 10× step in size, from figures at two sizes (10 = linear, 100 = quadratic). */
export function growthPer10x(
  small: number,
  large: number,
  sizeSmall: number,
  sizeLarge: number,
): number {
  const steps = Math.log10(sizeLarge / sizeSmall);
  return (large / small) ** (1 / steps);
}
