/**
 * The protocol of SPEC §10 around one request for a repository's sync: take the lock or leave
 * the request pending for its holder; holding it, sync, then run one more sync while a request
 * is pending; a sync that stopped because the lock was lost is run again once the lock is had.
 * With `ProcessRepoLock` behind a queue that serialises each repository, this is one sync.
 */
import type { PendingRequest } from "./pending-request.js";
import { type Lease, LockLostError, type RepoLock } from "./repo-lock.js";

export type Sync<R> = (request: PendingRequest, lease: Lease) => Promise<R>;

export type ExclusiveOutcome<R> =
  /** `result`: the sync that covered the caller's request; `syncs`: how many ran under the lock. */
  | { ran: true; result: R; syncs: number }
  /** Another process holds the lock and will run the request (folded into its pending key). */
  | { ran: false };

export interface ExclusiveHooks {
  /** Stops waiting for an unreachable Redis (shutdown). */
  signal?: AbortSignal;
  /** A failed sync run for another process's request (the caller's own failure is thrown). */
  onPendingError?: (error: unknown) => void;
}

type Settled<R> = { ok: true; value: R } | { ok: false; error: unknown };

export async function runExclusive<R>(
  lock: RepoLock,
  repo: string,
  request: PendingRequest,
  sync: Sync<R>,
  hooks: ExclusiveHooks = {},
): Promise<ExclusiveOutcome<R>> {
  let own: Settled<R> | null = null;
  let syncs = 0;
  let next: PendingRequest | null = request;
  while (next) {
    const acquired = await lock.tryAcquire(repo, next, hooks.signal);
    if (!acquired.lease) break;
    const lease = acquired.lease;
    let current: PendingRequest | null = acquired.request;
    next = null;
    while (current) {
      const settled = await settle(() => sync(current as PendingRequest, lease));
      syncs++;
      if (lease.lost || (!settled.ok && settled.error instanceof LockLostError)) {
        await lease.release();
        next = current; // stopped before writing: this request is still owed
        break;
      }
      if (own === null) own = settled;
      else if (!settled.ok) hooks.onPendingError?.(settled.error);
      current = await lease.takePendingOrRelease();
    }
  }
  if (own === null) return { ran: false };
  if (!own.ok) throw own.error;
  return { ran: true, result: own.value, syncs };
}

async function settle<R>(run: () => Promise<R>): Promise<Settled<R>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    return { ok: false, error };
  }
}
