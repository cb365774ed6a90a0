/**
 * The lock on each of its two Redis connections, for tests run against both: in-thread (serve's)
 * from the sources, off-thread (the one-shot commands') from the global setup's tsc build. The
 * worker thread runs JavaScript, so its entry must be compiled, beside the compiled proxy as
 * after the build and in the bundle. Each variant brings the modules of its own graph, so the
 * errors its lock throws are `instanceof` its classes.
 */
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { inject } from "vitest";
import { inThreadRedis } from "../../../src/replicas/in-thread-redis.js";
import type * as sourceOffThread from "../../../src/replicas/off-thread-redis-connection.js";
import * as sourceOpen from "../../../src/replicas/open-repo-lock.js";
import * as sourceUnavailable from "../../../src/replicas/redis-unavailable-error.js";
import * as sourceRepoLock from "../../../src/replicas/repo-lock.js";
import * as sourceExclusive from "../../../src/replicas/run-exclusive.js";

export interface LockVariant {
  name: string;
  openRepoLock: (settings: sourceOpen.RepoLockSettings) => Promise<sourceRepoLock.RepoLock>;
  RedisUnavailableError: typeof sourceUnavailable.RedisUnavailableError;
  LockLostError: typeof sourceRepoLock.LockLostError;
  runExclusive: typeof sourceExclusive.runExclusive;
}

/** A module of the global setup's tsc build, typed as its source. */
export async function built<T>(path: string): Promise<T> {
  const file = join(inject("deferbotBuildDir"), path.replace(/\.ts$/, ".js"));
  return (await import(pathToFileURL(file).href)) as T;
}

export const inThread: LockVariant = {
  name: "the in-thread connection (serve)",
  openRepoLock: (settings) => sourceOpen.openRepoLock(settings, inThreadRedis),
  RedisUnavailableError: sourceUnavailable.RedisUnavailableError,
  LockLostError: sourceRepoLock.LockLostError,
  runExclusive: sourceExclusive.runExclusive,
};

export async function offThread(): Promise<LockVariant> {
  const [open, connection, unavailable, repoLock, exclusive] = await Promise.all([
    built<typeof sourceOpen>("src/replicas/open-repo-lock.ts"),
    built<typeof sourceOffThread>("src/replicas/off-thread-redis-connection.ts"),
    built<typeof sourceUnavailable>("src/replicas/redis-unavailable-error.ts"),
    built<typeof sourceRepoLock>("src/replicas/repo-lock.ts"),
    built<typeof sourceExclusive>("src/replicas/run-exclusive.ts"),
  ]);
  return {
    name: "the off-thread connection (sync, action)",
    openRepoLock: (settings) => open.openRepoLock(settings, connection.offThreadRedis),
    RedisUnavailableError: unavailable.RedisUnavailableError,
    LockLostError: repoLock.LockLostError,
    runExclusive: exclusive.runExclusive,
  };
}

/** Both, for `describe.each`. */
export async function lockVariants(): Promise<LockVariant[]> {
  return [inThread, await offThread()];
}
