/**
 * The lock the sync queue takes around each sync of a repository (SPEC §10), in one process
 * (`ProcessRepoLock`, without `REDIS_URL`) or across every process that shares a Redis
 * (`RedisRepoLock`). Both fold the requests that arrive while the lock is held into one
 * pending request, which the holder runs next (`takePendingOrRelease`).
 */
import type { PendingRequest } from "./pending-request.js";

/** A held lock. Only its holder can extend or release it (the lock carries the holder's token). */
export interface Lease {
  /** The repository (`owner/name`), or the reconcile's lock name. */
  readonly name: string;
  /** True once the holder is known to have lost the lock (expired, taken, or unconfirmable). */
  readonly lost: boolean;
  /** Aborted when the lease is found lost, so work in flight can stop before its next write. */
  readonly signal: AbortSignal;
  /**
   * Pushes the expiry back by the lock's TTL (a timer does it every TTL/3). False when it could
   * not; the lease is then lost if the lock is gone, or has gone unconfirmed for a whole TTL.
   */
  extend(): Promise<boolean>;
  /**
   * Asks the lock's store whether this lease still holds it. The holder calls it before each
   * re-read that leads to a write (Gitea cannot check a fencing token, so the check comes before
   * the re-read); false, also when the store cannot answer, means: stop writing.
   */
  stillHeld(): Promise<boolean>;
  /**
   * Done: when a request is pending, takes it and keeps the lock (the holder runs one more sync);
   * otherwise releases the lock and returns null. Atomic: no request set meanwhile is lost.
   */
  takePendingOrRelease(): Promise<PendingRequest | null>;
  /** Releases the lock, leaving any pending request for the next holder (shutdown, the reconcile). */
  release(): Promise<void>;
}

export type Acquired =
  /**
   * `request`: the caller's, folded with one a holder that died had left pending; the caller's
   * very object when nothing was left (the queue then keeps the commit it asked for).
   */
  | { lease: Lease; request: PendingRequest }
  /** Another holder has the lock; the request was folded into its pending key. */
  | { lease: null };

export interface LockHealth {
  backend: "redis" | "process";
  /** False while Redis cannot be reached: acquisitions wait, holders stop writing. */
  connected: boolean;
  /** The last connection error, while not connected. */
  lastError?: string;
}

export interface RepoLock {
  /**
   * How long a lock outlives a holder that died (`REDIS_LOCK_TTL`), and with it the requests
   * folded into its pending key; null when no other process can hold it.
   */
  readonly ttlMs: number | null;
  /**
   * Takes the repository's lock, or, when another holder has it, folds `request` into the
   * repository's pending key (one atomic step, so the holder cannot finish in between). While
   * the store cannot be reached it waits and retries with backoff, until `signal` aborts.
   */
  tryAcquire(repo: string, request: PendingRequest, signal?: AbortSignal): Promise<Acquired>;
  /** The periodic reconcile's lock: null when another process runs it (nothing is folded). */
  tryAcquireReconcile(signal?: AbortSignal): Promise<Lease | null>;
  health(): LockHealth;
  close(): Promise<void>;
}

/** Thrown by a sync that stopped writing because `stillHeld()` answered false. */
export class LockLostError extends Error {
  override readonly name = "LockLostError";

  constructor(readonly lockName: string) {
    super(`the lock on ${lockName} was lost; stopped before writing`);
  }
}
