/**
 * The lock's settings from `Settings` (`REDIS_URL`, `REDIS_LOCK_TTL`), with its errors logged
 * once per distinct message: a Redis that stays down fails every reconnection the same way.
 */
import type { Logger } from "pino";
import type { Settings } from "../settings/read-settings.js";
import type { RepoLockSettings } from "./open-repo-lock.js";

export function repoLockSettings(
  settings: Pick<Settings, "redisUrl" | "redisLockTtlMs">,
  log: Pick<Logger, "warn">,
): RepoLockSettings {
  let last = "";
  return {
    redisUrl: settings.redisUrl ?? undefined,
    lockTtlMs: settings.redisLockTtlMs,
    onError: (error) => {
      const message = error instanceof Error ? error.message : String(error);
      if (message === last) return;
      last = message;
      log.warn(
        { err: message, component: "redis" },
        "Redis lock: error (syncs wait while it lasts)",
      );
    },
  };
}
