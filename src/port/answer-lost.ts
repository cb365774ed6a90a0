/**
 * A write whose answer never came back (a 5xx a proxy sent after the forge applied it, a timeout,
 * a dropped connection) may or may not have been applied. The adapter marks such errors with
 * `answerLost`; the sync then re-reads and merges again instead of resending (SPEC §3.4 "Calls").
 */
export function isAnswerLost(error: unknown): boolean {
  return (
    typeof error === "object" &&
    error !== null &&
    "answerLost" in error &&
    error.answerLost === true
  );
}
