/**
 * One turn of the event loop: the answers and deliveries that came in meanwhile are handled before
 * the next step. A sync of a big register runs several steps that each hold the thread for tens of
 * milliseconds (its issue fields, its plan, its dashboard); chained by awaits that are already
 * settled they would run as one task, and a webhook would wait for all of them (SPEC §4: answered
 * whatever else is running).
 */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
