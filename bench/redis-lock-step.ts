/**
 * Measurement 6 beside the sync it is paid for: the lock's cost (redis-lock-cost.ts) and the
 * time of a sync with as many re-reads (every finding edited, so every issue is re-read and
 * written), at measurement 2's latency per Gitea request.
 */

import { ranHere } from "../test/support/ran-here.js";
import { findingSpec, renderRegister } from "../test/support/register.js";
import {
  measureRedisLockCost,
  type RedisLockCostResult,
  redisLockRows,
} from "./redis-lock-cost.js";
import { LATENCY_MS } from "./sync-latency.js";
import type { BenchRow } from "./table.js";
import { DOC, deferbot, giteaOctokit, REPO, startFake } from "./wiring.js";

export interface RedisLockStepResult {
  lock: RedisLockCostResult;
  /** Wall time of the sync whose re-reads the lock checks before. */
  syncMs: number;
}

async function timeSyncWithReReads(reReads: number): Promise<number> {
  const fake = await startFake(LATENCY_MS);
  try {
    const bot = deferbot(giteaOctokit(fake));
    const specs = Array.from({ length: reReads }, (_, i) => findingSpec(i + 1));
    ranHere(await bot.sync(REPO, { sha: fake.setFile(REPO, DOC, renderRegister(specs)) }));
    const edited = specs.map((spec) => ({ ...spec, title: `${spec.title}, edited` }));
    const sha = fake.setFile(REPO, DOC, renderRegister(edited));
    const start = performance.now();
    const result = ranHere(await bot.sync(REPO, { sha }));
    const syncMs = performance.now() - start;
    if (result.plan.summary.updated !== reReads)
      throw new Error(`bench: the timed sync updated ${result.plan.summary.updated} issues`);
    return syncMs;
  } finally {
    await fake.stop();
  }
}

export async function measureRedisLockStep(): Promise<RedisLockStepResult> {
  const lock = await measureRedisLockCost();
  return { lock, syncMs: await timeSyncWithReReads(lock.reReadsPerSync) };
}

export function redisLockStepRows(result: RedisLockStepResult): BenchRow[] {
  return redisLockRows(result.lock, result.syncMs);
}
