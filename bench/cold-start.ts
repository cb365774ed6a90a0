/**
 * Cold start of the npm package's bundle beside a bare `node -e 0`, in the same run: each round
 * starts the three one after another (so a busy moment slows all three), and each figure is the
 * median of the rounds. Goals (issue 15): `--version` ≤ 1.5× bare, `plan` of one finding ≤ 3×.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { processEnv } from "./process-env.js";
import { projectFile } from "./project-root.js";
import { benchRegister } from "./register.js";
import { median } from "./stats.js";
import type { BenchRow } from "./table.js";

const SECTION = "5 Cold start";
export const ROUNDS = 9;
export const GOALS = { version: 1.5, plan: 3 } as const;

/** The bundle's entry (package.json `bin`), whether this file runs built (dist-bench/bench) or from source. */
const BUNDLE = projectFile("bundle/deferbot.cjs");

export interface ColdStartResult {
  rounds: number;
  /** Medians, ms. */
  bareMs: number;
  versionMs: number;
  planMs: number;
  runsMs: { bare: number[]; version: number[]; plan: number[] };
}

/** Wall time of one process from spawn to exit; throws when it fails. */
function timed(args: string[], cwd: string): number {
  const start = performance.now();
  const run = spawnSync(process.execPath, args, {
    cwd,
    env: processEnv(),
    stdio: ["ignore", "ignore", "pipe"],
  });
  const ms = performance.now() - start;
  if (run.status !== 0)
    throw new Error(`node ${args.join(" ")} exited ${run.status}: ${run.stderr.toString()}`);
  return ms;
}

export async function measureColdStart(rounds = ROUNDS): Promise<ColdStartResult> {
  const dir = mkdtempSync(join(tmpdir(), "deferbot-cold-"));
  try {
    writeFileSync(join(dir, "register.md"), benchRegister(1));
    const runsMs = { bare: [] as number[], version: [] as number[], plan: [] as number[] };
    // One round to warm the file cache, not counted.
    for (let round = -1; round < rounds; round++) {
      const bare = timed(["-e", "0"], dir);
      const version = timed([BUNDLE, "--version"], dir);
      const plan = timed([BUNDLE, "plan", "register.md"], dir);
      if (round < 0) continue;
      runsMs.bare.push(bare);
      runsMs.version.push(version);
      runsMs.plan.push(plan);
    }
    return {
      rounds,
      bareMs: median(runsMs.bare),
      versionMs: median(runsMs.version),
      planMs: median(runsMs.plan),
      runsMs,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function coldStartRows(result: ColdStartResult): BenchRow[] {
  const times = (ms: number) => `${(ms / result.bareMs).toFixed(2)}× bare node`;
  return [
    {
      section: SECTION,
      what: "bare `node -e 0`",
      value: result.bareMs,
      unit: "ms",
      bound: null,
      detail: `median of ${result.rounds}`,
    },
    {
      section: SECTION,
      what: "`deferbot --version`",
      value: result.versionMs,
      unit: "ms",
      bound: { kind: "limit", value: GOALS.version * result.bareMs },
      detail: `${times(result.versionMs)} (goal ≤ ${GOALS.version}×)`,
    },
    {
      section: SECTION,
      what: "`deferbot plan` of one finding",
      value: result.planMs,
      unit: "ms",
      bound: { kind: "limit", value: GOALS.plan * result.bareMs },
      detail: `${times(result.planMs)} (goal ≤ ${GOALS.plan}×)`,
    },
  ];
}
