/**
 * Which of several bot issues for one thing is kept (SPEC §3.1): the one with the most work by
 * people, on a tie the oldest. The one rule for tracking-issue twins (work = ticked steps +
 * comments by people) and dashboard twins (work = comments by people).
 */

export interface TwinCandidate {
  number: number;
  /** RFC 3339, as Gitea answers `created_at`. */
  createdAt: string;
  /** Work by people on it: ticked steps plus comments by people. */
  work: number;
}

/** The candidates with the kept one first, then the others (to close) oldest first. */
export function chooseKeptTwin<T extends TwinCandidate>(candidates: readonly T[]): T[] {
  const byAge = [...candidates].sort(oldestFirst);
  const kept = byAge.reduce<T | undefined>(
    (best, candidate) => (best === undefined || candidate.work > best.work ? candidate : best),
    undefined,
  );
  return kept ? [kept, ...byAge.filter((candidate) => candidate !== kept)] : [];
}

function oldestFirst(a: TwinCandidate, b: TwinCandidate): number {
  return Date.parse(a.createdAt) - Date.parse(b.createdAt) || a.number - b.number;
}
