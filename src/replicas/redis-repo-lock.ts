/**
 * The lock across processes (SPEC §10), on Redis or Valkey. Loaded only when `REDIS_URL` is set
 * (it brings the Redis client). Acquisition waits while Redis cannot be reached, retrying with
 * backoff; deliveries are answered meanwhile by the server, which does not wait for it.
 */
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { lockKey, pendingKey, RECONCILE_LOCK_NAME } from "./lock-keys.js";
import { ACQUIRE_OR_FOLD } from "./lock-scripts.js";
import type { PendingRequest } from "./pending-request.js";
import { RedisConnection } from "./redis-connection.js";
import { decodeReply, foldLeftover, RedisLease } from "./redis-lease.js";
import type { Acquired, Lease, LockHealth, RepoLock } from "./repo-lock.js";

const RETRY_FIRST_MS = 100;
const RETRY_MAX_MS = 5_000;
const COMMAND_TIMEOUT_MAX_MS = 5_000;

export interface RedisRepoLockOptions {
  url: string;
  lockTtlMs: number;
  /** Connection and command errors (the lock goes on: it waits, or the holder stops). */
  onError?: (error: unknown) => void;
}

/** Connects first: throws `RedisUnavailableError` when Redis cannot be reached. */
export async function connectRedisRepoLock(options: RedisRepoLockOptions): Promise<RepoLock> {
  const onError = options.onError ?? (() => {});
  const redis = await RedisConnection.open({
    url: options.url,
    commandTimeoutMs: Math.round(
      Math.min(COMMAND_TIMEOUT_MAX_MS, Math.max(100, options.lockTtlMs / 3)),
    ),
    onError,
  });
  return new RedisRepoLock(redis, options.lockTtlMs, onError);
}

class RedisRepoLock implements RepoLock {
  constructor(
    private readonly redis: RedisConnection,
    readonly ttlMs: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  async tryAcquire(repo: string, request: PendingRequest, signal?: AbortSignal): Promise<Acquired> {
    const token = randomUUID();
    const args = [token, String(this.ttlMs), flag(request.allowCloseAll), flag(request.onlyIfNew)];
    const { reply, sentAt } = await this.#untilAnswered(
      () => this.redis.run(ACQUIRE_OR_FOLD, [lockKey(repo), pendingKey(repo)], args),
      signal,
    );
    const { code, fields } = decodeReply(reply);
    if (code !== 1) return { lease: null };
    return { lease: this.#lease(repo, token, sentAt), request: foldLeftover(request, fields) };
  }

  async tryAcquireReconcile(signal?: AbortSignal): Promise<Lease | null> {
    const token = randomUUID();
    const key = lockKey(RECONCILE_LOCK_NAME);
    const { reply: taken, sentAt } = await this.#untilAnswered(
      () => this.redis.setIfAbsent(key, token, this.ttlMs),
      signal,
    );
    return taken ? this.#lease(RECONCILE_LOCK_NAME, token, sentAt) : null;
  }

  health(): LockHealth {
    const lastError = this.redis.lastError;
    return {
      backend: "redis",
      connected: this.redis.connected,
      ...(lastError === undefined ? {} : { lastError }),
    };
  }

  async close(): Promise<void> {
    await this.redis.close();
  }

  #lease(name: string, token: string, sentAt: number): Lease {
    return new RedisLease(name, token, this.redis, this.ttlMs, sentAt, this.onError);
  }

  /** Runs `command` until Redis answers it, with backoff; the send time of the answered try. */
  async #untilAnswered<T>(
    command: () => Promise<T>,
    signal: AbortSignal | undefined,
  ): Promise<{ reply: T; sentAt: number }> {
    for (let attempt = 0; ; attempt++) {
      signal?.throwIfAborted();
      const sentAt = performance.now();
      try {
        return { reply: await command(), sentAt };
      } catch (error) {
        this.onError(error);
      }
      await sleep(Math.min(RETRY_FIRST_MS * 2 ** attempt, RETRY_MAX_MS), undefined, { signal });
    }
  }
}

function flag(value: boolean): string {
  return value ? "1" : "0";
}
