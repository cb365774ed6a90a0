/**
 * Every write of an issue goes through here (SPEC §3.4 "Calls"): re-read the issue, build the
 * write from what was just read, send it with no other request in between. A write whose answer
 * was lost is never resent as it was — a person may have ticked or written since Gitea applied
 * it — but read and built again, and sent only if still needed. Writes that are not a body
 * (an issue's dependencies) follow the same rule through `readThenWrite`.
 */
import { isAnswerLost } from "../port/answer-lost.js";
import type { Forge, Issue } from "../port/forge.js";

/** Re-reads after a lost answer, at most this many times, before the failure is reported. */
export const MAX_REREADS_AFTER_LOST_ANSWER = 2;

export interface RereadDeps {
  forge: Forge;
  /** Called right before every re-read of an issue (the Redis lock renews itself here). */
  beforeReread?: () => Promise<void>;
}

/** `write` builds its writes from `fresh` and sends them, first thing; its result is returned. */
export async function rereadAndWrite<T>(
  deps: RereadDeps,
  number: number,
  write: (fresh: Issue) => Promise<T>,
): Promise<T> {
  return readThenWrite(async () => {
    await deps.beforeReread?.();
    return deps.forge.getIssue(number);
  }, write);
}

/**
 * `read`, then `write` from what it read; when a write lost its answer, read again (`afterLoss`
 * true) and write what is still needed. A failed read is not retried here (the client retries
 * reads).
 */
export async function readThenWrite<R, T>(
  read: (afterLoss: boolean) => Promise<R>,
  write: (read: R) => Promise<T>,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const now = await read(attempt > 0);
    try {
      return await write(now);
    } catch (error) {
      if (!isAnswerLost(error) || attempt >= MAX_REREADS_AFTER_LOST_ANSWER) throw error;
    }
  }
}
