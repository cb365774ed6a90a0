/**
 * The lock without `REDIS_URL`: one process is assumed (SPEC §10), so the lock lives in a map
 * and never expires. The queue serialises each repository itself, so with it `tryAcquire`
 * always finds the lock free and nothing is ever pending: nothing changes.
 */

import { RECONCILE_LOCK_NAME } from "./lock-keys.js";
import { foldPending, type PendingRequest } from "./pending-request.js";
import type { Acquired, Lease, LockHealth, RepoLock } from "./repo-lock.js";

interface Holding {
  token: symbol;
  pending: PendingRequest | null;
}

export class ProcessRepoLock implements RepoLock {
  readonly #held = new Map<string, Holding>();
  readonly ttlMs = null;

  async tryAcquire(repo: string, request: PendingRequest): Promise<Acquired> {
    const holding = this.#held.get(repo);
    if (holding) {
      holding.pending = holding.pending ? foldPending(holding.pending, request) : request;
      return { lease: null };
    }
    return { lease: this.#take(repo), request };
  }

  async tryAcquireReconcile(): Promise<Lease | null> {
    return this.#held.has(RECONCILE_LOCK_NAME) ? null : this.#take(RECONCILE_LOCK_NAME);
  }

  health(): LockHealth {
    return { backend: "process", connected: true };
  }

  async close(): Promise<void> {}

  #take(name: string): Lease {
    const token = Symbol(name);
    this.#held.set(name, { token, pending: null });
    const held = () => this.#held.get(name)?.token === token;
    const release = () => {
      if (held()) this.#held.delete(name);
    };
    return {
      name,
      lost: false,
      signal: new AbortController().signal,
      extend: async () => held(),
      stillHeld: async () => held(),
      release: async () => release(),
      takePendingOrRelease: async () => {
        const holding = this.#held.get(name);
        if (!holding || holding.token !== token) return null;
        const pending = holding.pending;
        holding.pending = null;
        if (!pending) release();
        return pending;
      },
    };
  }
}
