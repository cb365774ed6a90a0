/**
 * Measurement 6: what the lock across processes (REDIS_URL, SPEC §10) adds to one sync, on a
 * local redis-server over loopback: the requests to Redis (counted by Redis itself, from
 * `INFO commandstats`) and the time of taking and releasing the lock, and of the check before
 * each re-read. Without the redis-server binary the measurement is skipped and says so.
 */
import { createClient } from "@redis/client";
import { openRepoLock } from "../src/replicas/open-repo-lock.js";
import type { PendingRequest } from "../src/replicas/pending-request.js";
import { RedisServer, redisServerBinary } from "../test/replicas/support/redis-server.js";
import type { BenchRow } from "./table.js";

const SECTION = "6 Redis lock";
const SYNCS = 200;
/** Re-reads in the measured sync: one per issue about to be written (SPEC §3.4 "Calls"). */
const RE_READS = 10;
const LOCK_TTL_MS = 60_000;
const REQUEST: PendingRequest = { allowCloseAll: false, onlyIfNew: true };

export interface RedisLockCostResult {
  skipped: string | null;
  syncs: number;
  reReadsPerSync: number;
  lockTtlMs: number;
  /** Redis commands for taking and releasing the lock once. */
  requestsPerTakeAndRelease: number;
  /** Redis commands for one check before a re-read. */
  requestsPerCheck: number;
  /** Wall time of taking and releasing the lock once (loopback), mean over `syncs`. */
  takeAndReleaseMs: number;
  /** Wall time of one check (loopback), mean. */
  checkMs: number;
}

/**
 * Calls of the named commands since the last `CONFIG RESETSTAT`. Redis also counts the commands
 * a script calls, so a phase counts only what a client can send in it: EVALSHA/EVAL, or GET.
 */
async function commandsRun(
  stats: { info(section: string): Promise<unknown> },
  names: string[],
): Promise<number> {
  const info = String(await stats.info("commandstats"));
  let calls = 0;
  for (const match of info.matchAll(/^cmdstat_(\w+):calls=(\d+)/gm)) {
    if (names.includes(match[1] as string)) calls += Number(match[2]);
  }
  return calls;
}

export async function measureRedisLockCost(): Promise<RedisLockCostResult> {
  const empty = {
    syncs: SYNCS,
    reReadsPerSync: RE_READS,
    lockTtlMs: LOCK_TTL_MS,
    requestsPerTakeAndRelease: Number.NaN,
    requestsPerCheck: Number.NaN,
    takeAndReleaseMs: Number.NaN,
    checkMs: Number.NaN,
  };
  if (redisServerBinary === null) return { skipped: "redis-server is not installed", ...empty };
  const server = await RedisServer.start();
  const stats = createClient({ url: server.url });
  const lock = await openRepoLock({ redisUrl: server.url, lockTtlMs: LOCK_TTL_MS });
  try {
    await stats.connect();
    const warm = await lock.tryAcquire("bench/warm-up", REQUEST); // loads the scripts
    await warm.lease?.takePendingOrRelease();

    await stats.configResetStat();
    const takeStart = performance.now();
    for (let sync = 0; sync < SYNCS; sync++) {
      const { lease } = await lock.tryAcquire("bench/repo", REQUEST);
      if (!lease) throw new Error("bench: the lock was not free");
      await lease.takePendingOrRelease();
    }
    const takeAndReleaseMs = (performance.now() - takeStart) / SYNCS;
    const takeCommands = await commandsRun(stats, ["evalsha", "eval"]);

    const { lease } = await lock.tryAcquire("bench/repo", REQUEST);
    if (!lease) throw new Error("bench: the lock was not free");
    await stats.configResetStat();
    const checkStart = performance.now();
    for (let check = 0; check < SYNCS * RE_READS; check++) {
      if (!(await lease.stillHeld())) throw new Error("bench: the lock was lost");
    }
    const checkMs = (performance.now() - checkStart) / (SYNCS * RE_READS);
    const checkCommands = await commandsRun(stats, ["get"]);
    await lease.release();

    return {
      ...empty,
      skipped: null,
      requestsPerTakeAndRelease: takeCommands / SYNCS,
      requestsPerCheck: checkCommands / (SYNCS * RE_READS),
      takeAndReleaseMs,
      checkMs,
    };
  } finally {
    await lock.close();
    if (stats.isOpen) await stats.close();
    await server.stop();
  }
}

/** `syncMs`: the sync's own time to show the lock beside (e.g. measurement 2's first sync). */
export function redisLockRows(result: RedisLockCostResult, syncMs?: number): BenchRow[] {
  if (result.skipped !== null) {
    return [
      {
        section: SECTION,
        what: "lock per sync",
        value: Number.NaN,
        unit: "ms",
        bound: null,
        detail: `skipped: ${result.skipped}`,
      },
    ];
  }
  const k = result.reReadsPerSync;
  const requests = result.requestsPerTakeAndRelease + k * result.requestsPerCheck;
  const ms = result.takeAndReleaseMs + k * result.checkMs;
  const extensions = `+ 1 extension per ${Math.round(result.lockTtlMs / 3000)} s of sync`;
  return [
    {
      section: SECTION,
      what: `lock per sync with ${k} re-reads, loopback`,
      value: ms,
      unit: "ms",
      bound: syncMs === undefined ? null : { kind: "reference", value: syncMs, label: "the sync" },
      detail:
        `take + release ${result.takeAndReleaseMs.toFixed(2)} ms, ` +
        `${result.checkMs.toFixed(2)} ms a check before a re-read; ${extensions}`,
    },
    {
      section: SECTION,
      what: `requests to Redis per sync with ${k} re-reads`,
      value: requests,
      unit: "requests",
      bound: null,
      detail:
        `${result.requestsPerTakeAndRelease} to take and release, ` +
        `${result.requestsPerCheck} per re-read; ${extensions}`,
    },
  ];
}
