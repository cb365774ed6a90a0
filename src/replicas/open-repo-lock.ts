/**
 * The lock the queue uses: in process memory without `REDIS_URL` (one process assumed, nothing
 * changes), in Redis with it, through the connection the caller names: `inThreadRedis`
 * (`deferbot serve`) or `offThreadRedis` (the one-shot commands, whose main thread has the sync
 * to load meanwhile). The Redis client is loaded only with `REDIS_URL`, and only by the one the
 * caller names: this module imports neither.
 */
import { ProcessRepoLock } from "./process-repo-lock.js";
import type { OpenRedisConnection } from "./redis-connection.js";
import { connectRedisRepoLock } from "./redis-repo-lock.js";
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

/**
 * With `redisUrl`, throws `RedisUnavailableError` (exit 3) when Redis cannot be reached. The
 * connection is asked for before this returns (an off-thread one's worker starts at once).
 */
export async function openRepoLock(
  settings: RepoLockSettings,
  openRedis: OpenRedisConnection,
): Promise<RepoLock> {
  if (!settings.redisUrl) return new ProcessRepoLock();
  return await connectRedisRepoLock(
    {
      url: settings.redisUrl,
      lockTtlMs: settings.lockTtlMs ?? DEFAULT_LOCK_TTL_MS,
      ...(settings.onError ? { onError: settings.onError } : {}),
    },
    openRedis,
  );
}
