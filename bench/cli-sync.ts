/**
 * `deferbot sync` as a process (the bundle, as a user or an Actions job runs it) against the Gitea
 * fake at 25 ms per request, beside a bare `node -e 0` in the same run (issue 15):
 * - a first sync of 200 findings, goal ≤ 1.5 × (bare start + N·L/C);
 * - a no-op sync of the same 200 findings, goal ≤ 2 × (bare start + the SPEC §3.4 chain × L);
 * each without and, when Debian's redis-server is on the machine, with `REDIS_URL`.
 */
import { spawn, spawnSync } from "node:child_process";
import { RedisServer, redisServerBinary } from "../test/replicas/support/redis-server.js";
import { generatedRegister } from "../test/support/register.js";
import { latencyFloorMs } from "./floor.js";
import { processEnv } from "./process-env.js";
import { projectFile } from "./project-root.js";
import { median } from "./stats.js";
import { LATENCY_MS } from "./sync-latency.js";
import type { BenchRow } from "./table.js";
import { CONCURRENCY, DOC, REPO, startFake, TOKEN } from "./wiring.js";

const SECTION = "9 deferbot sync as a process";
export const FINDINGS = 200;
/** This machine's speed drifts (shared cores): bare starts are timed between the rounds. */
const ROUNDS = 5;
const NOOPS_PER_ROUND = 2;
const BARE_PER_ROUND = 3;
export const GOALS = { first: 1.5, noop: 2 } as const;
/**
 * The no-op chain of SPEC §3.4 "Calls": (login ‖ repository) → branch head → (config ‖ document
 * ‖ listing page 1) → (listing pages 2…k at once) → status.
 */
export const NOOP_CHAIN = 5;

const BUNDLE = projectFile("bundle/deferbot.cjs");

export interface CliSyncTimes {
  firstMs: number;
  noopMs: number;
}

export interface CliSyncResult {
  findings: number;
  latencyMs: number;
  bareMs: number;
  plain: CliSyncTimes;
  /** Null where no redis-server binary is installed. */
  redis: CliSyncTimes | null;
}

function bareStarts(count: number): number[] {
  const runs: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    spawnSync(process.execPath, ["-e", "0"], { env: processEnv() });
    runs.push(performance.now() - start);
  }
  return runs;
}

/** Wall time of one `deferbot sync` process; throws when it does not exit 0. */
function timedSync(env: Record<string, string>): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, [BUNDLE, "sync", "--repo", REPO], {
      env: processEnv(env),
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on("exit", (code) => {
      const ms = performance.now() - start;
      if (code === 0) resolvePromise(ms);
      else reject(new Error(`deferbot sync exited ${code}: ${stderr}`));
    });
  });
}

async function timesWith(extraEnv: Record<string, string>, bare: number[]): Promise<CliSyncTimes> {
  const first: number[] = [];
  const noop: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    bare.push(...bareStarts(BARE_PER_ROUND));
    const fake = await startFake(LATENCY_MS);
    try {
      fake.setFile(REPO, DOC, generatedRegister(FINDINGS));
      // The chain the SPEC counts has no dashboard (§8 adds its own read and write).
      fake.setFile(REPO, ".gitea/deferbot.yml", "dashboard: false\n");
      const env = {
        GITEA_URL: fake.url,
        GITEA_TOKEN: TOKEN,
        DEFERBOT_CONCURRENCY: String(CONCURRENCY),
        ...extraEnv,
      };
      first.push(await timedSync(env));
      for (let i = 0; i < NOOPS_PER_ROUND; i++) noop.push(await timedSync(env));
    } finally {
      await fake.stop();
    }
  }
  return { firstMs: median(first), noopMs: median(noop) };
}

export async function measureCliSync(): Promise<CliSyncResult> {
  const bare: number[] = [];
  const plain = await timesWith({}, bare);
  let redis: CliSyncTimes | null = null;
  if (redisServerBinary !== null) {
    const server = await RedisServer.start();
    try {
      redis = await timesWith({ REDIS_URL: server.url }, bare);
    } finally {
      await server.stop();
    }
  }
  return { findings: FINDINGS, latencyMs: LATENCY_MS, bareMs: median(bare), plain, redis };
}

export function cliSyncRows(result: CliSyncResult): BenchRow[] {
  const firstFloor = result.bareMs + latencyFloorMs(result.findings, result.latencyMs, CONCURRENCY);
  const noopFloor = result.bareMs + NOOP_CHAIN * result.latencyMs;
  const rows = (times: CliSyncTimes, label: string): BenchRow[] => [
    {
      section: SECTION,
      what: `first sync of ${result.findings} findings, ${result.latencyMs} ms per request${label}`,
      value: times.firstMs,
      unit: "ms",
      bound: { kind: "limit", value: GOALS.first * firstFloor },
      detail: `${(times.firstMs / firstFloor).toFixed(2)}× bare start + N·L/C (${Math.round(firstFloor)} ms; goal ≤ ${GOALS.first}×); median of ${ROUNDS}`,
    },
    {
      section: SECTION,
      what: `no-op sync of the same findings${label}`,
      value: times.noopMs,
      unit: "ms",
      bound: { kind: "limit", value: GOALS.noop * noopFloor },
      detail: `${(times.noopMs / noopFloor).toFixed(2)}× bare start + ${NOOP_CHAIN} round trips (${Math.round(noopFloor)} ms; goal ≤ ${GOALS.noop}×); median of ${ROUNDS * NOOPS_PER_ROUND}`,
    },
  ];
  return [
    ...rows(result.plain, ""),
    ...(result.redis ? rows(result.redis, ", REDIS_URL set") : []),
  ];
}
