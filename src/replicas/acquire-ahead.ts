/**
 * A repository's lock taken ahead of its sync: the command line starts the acquisition beside its
 * first reads (`GET /user`, the repository), so that the default branch's head, which only the
 * lock's holder may read (SPEC §10), goes out in that same round trip. The queue's first
 * `tryAcquire` of the repository is answered with that acquisition; every other call goes to
 * the lock itself. The acquisition goes out before the token is known to work: a sync that then
 * does not start releases the lease (`abandon`); a request folded meanwhile into the pending key
 * of another holder stays there, and that holder syncs the head once more.
 */
import { foldPending, type PendingRequest } from "./pending-request.js";
import type { Acquired, RepoLock } from "./repo-lock.js";

export interface AcquisitionAhead {
  /** The lock to give the queue. */
  lock: RepoLock;
  /** The acquisition: a lease, or `{ lease: null }` when another holder has the lock. */
  acquired: Promise<Acquired>;
  /** Releases the lease taken ahead if the queue never took it (the sync did not start). */
  abandon(): Promise<void>;
}

/** `request`: the one the queue will ask the lock with (another is folded into it). */
export function acquireAhead(
  lock: RepoLock,
  repo: string,
  request: PendingRequest,
  signal?: AbortSignal,
): AcquisitionAhead {
  const acquired = lock.tryAcquire(repo, request, signal);
  acquired.catch(() => {}); // the queue's tryAcquire, or abandon(), awaits it
  let taken = false;
  const aheadLock: RepoLock = {
    ttlMs: lock.ttlMs,
    tryAcquire(name, asked, waitSignal) {
      if (taken || name !== repo) return lock.tryAcquire(name, asked, waitSignal);
      taken = true;
      return acquired.then((outcome) => {
        if (!outcome.lease) return outcome;
        // With nothing left pending the lock hands back the request it was given: the queue's own.
        if (outcome.request === request && samePending(asked, request))
          return { lease: outcome.lease, request: asked };
        return { lease: outcome.lease, request: foldPending(outcome.request, asked) };
      });
    },
    tryAcquireReconcile: (waitSignal) => lock.tryAcquireReconcile(waitSignal),
    health: () => lock.health(),
    close: () => lock.close(),
  };
  return {
    lock: aheadLock,
    acquired,
    async abandon() {
      if (taken) return;
      taken = true;
      const outcome = await acquired.catch(() => null);
      await outcome?.lease?.release();
    },
  };
}

function samePending(a: PendingRequest, b: PendingRequest): boolean {
  return a.allowCloseAll === b.allowCloseAll && a.onlyIfNew === b.onlyIfNew;
}
