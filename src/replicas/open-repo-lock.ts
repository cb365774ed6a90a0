/**
 * The lock the queue uses: in process memory without `REDIS_URL` (one process assumed, nothing
 * changes), in Redis with it. The Redis client is loaded only then.
 */
import { ProcessRepoLock } from "./process-repo-lock.js";
import type { RepoLock } from "./repo-lock.js";

/** `REDIS_LOCK_TTL`'s default (SPEC §10). */
export const DEFAULT_LOCK_TTL_MS = 60_000;

export interface RepoLockSettings {
  /** `REDIS_URL` (`redis://` or `rediss://`); unset or empty: the in-process lock. */
  redisUrl?: string | undefined;
  /** `REDIS_LOCK_TTL` in milliseconds. */
  lockTtlMs?: number | undefined;
  onError?: (error: unknown) => void;
}

/** With `redisUrl`, throws `RedisUnavailableError` (exit 3) when Redis cannot be reached. */
export async function openRepoLock(settings: RepoLockSettings): Promise<RepoLock> {
  if (!settings.redisUrl) return new ProcessRepoLock();
  const { connectRedisRepoLock } = await import("./redis-repo-lock.js");
  return await connectRedisRepoLock({
    url: settings.redisUrl,
    lockTtlMs: settings.lockTtlMs ?? DEFAULT_LOCK_TTL_MS,
    ...(settings.onError ? { onError: settings.onError } : {}),
  });
}
