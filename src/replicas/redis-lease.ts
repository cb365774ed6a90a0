/**
 * A lock held in Redis. A timer extends it every TTL/3 while it is held; the lease is lost when
 * Redis says the token is not there any more, or when it cannot be confirmed (a check that gets
 * no answer, or no successful extension for a whole TTL, after which the key may have expired).
 */

import { lockKey, pendingKey } from "./lock-keys.js";
import { EXTEND, RELEASE, TAKE_PENDING_OR_RELEASE } from "./lock-scripts.js";
import { foldPending, type PendingRequest } from "./pending-request.js";
import type { RedisConnection } from "./redis-connection.js";
import { type Lease, LockLostError } from "./repo-lock.js";

export class RedisLease implements Lease {
  readonly #controller = new AbortController();
  readonly #keys: string[];
  readonly #timer: NodeJS.Timeout;
  #lost = false;
  #ended = false;
  /** `performance.now()` before which the key surely exists (the last extension's send time + TTL). */
  #validUntil: number;

  constructor(
    readonly name: string,
    private readonly token: string,
    private readonly redis: RedisConnection,
    private readonly ttlMs: number,
    acquiredAt: number,
    private readonly onError: (error: unknown) => void,
  ) {
    this.#keys = [lockKey(name), pendingKey(name)];
    this.#validUntil = acquiredAt + ttlMs;
    this.#timer = setInterval(() => void this.extend(), Math.max(1, Math.floor(ttlMs / 3)));
    this.#timer.unref();
  }

  get lost(): boolean {
    return this.#lost;
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  async extend(): Promise<boolean> {
    if (this.#lost || this.#ended) return false;
    const sentAt = performance.now();
    try {
      const extended = Number(await this.redis.run(EXTEND, this.#keys, this.#args())) === 1;
      if (!extended) this.#markLost();
      else this.#validUntil = sentAt + this.ttlMs;
      return extended;
    } catch (error) {
      this.onError(error);
      if (performance.now() >= this.#validUntil) this.#markLost();
      return false;
    }
  }

  async stillHeld(): Promise<boolean> {
    if (this.#lost || this.#ended) return false;
    try {
      if ((await this.redis.get(this.#keys[0] as string)) === this.token) return true;
    } catch (error) {
      this.onError(error);
    }
    this.#markLost();
    return false;
  }

  async takePendingOrRelease(): Promise<PendingRequest | null> {
    if (this.#lost || this.#ended) return null;
    const sentAt = performance.now();
    let reply: ScriptReply;
    try {
      // Never retried: a lost answer may have taken the pending request already, and a second
      // run would then release the lock and drop it. The next request or the reconcile repairs it.
      reply = decodeReply(await this.redis.run(TAKE_PENDING_OR_RELEASE, this.#keys, this.#args()));
    } catch (error) {
      this.onError(error);
      this.#markLost();
      return null;
    }
    if (reply.code === 1) {
      this.#validUntil = sentAt + this.ttlMs;
      return decodePending(reply.fields) ?? { allowCloseAll: false, onlyIfNew: true };
    }
    if (reply.code === 0) this.#end();
    else this.#markLost();
    return null;
  }

  async release(): Promise<void> {
    if (this.#ended) return;
    const wasLost = this.#lost;
    this.#end();
    if (wasLost) return;
    try {
      await this.redis.run(RELEASE, this.#keys.slice(0, 1), [this.token]);
    } catch (error) {
      this.onError(error); // it expires by itself
    }
  }

  #args(): string[] {
    return [this.token, String(this.ttlMs)];
  }

  #end(): void {
    this.#ended = true;
    clearInterval(this.#timer);
  }

  #markLost(): void {
    if (this.#lost) return;
    this.#lost = true;
    clearInterval(this.#timer);
    this.#controller.abort(new LockLostError(this.name));
  }
}

export interface ScriptReply {
  code: number;
  fields: string[];
}

/** The scripts answer `{code, {field, value, …}}`. */
export function decodeReply(reply: unknown): ScriptReply {
  if (Array.isArray(reply) && typeof reply[0] === "number" && Array.isArray(reply[1])) {
    return { code: reply[0], fields: reply[1].map(String) };
  }
  throw new Error(`unexpected answer from a lock script: ${JSON.stringify(reply)}`);
}

/** The pending hash's fields (`HGETALL`), or null when there was none. */
export function decodePending(fields: string[]): PendingRequest | null {
  if (fields.length === 0) return null;
  const names = new Set(fields.filter((_, index) => index % 2 === 0));
  return { allowCloseAll: names.has("allowCloseAll"), onlyIfNew: !names.has("full") };
}

export function foldLeftover(request: PendingRequest, fields: string[]): PendingRequest {
  const left = decodePending(fields);
  return left ? foldPending(request, left) : request;
}
