/**
 * Measurement 4: parseRegister on generated registers of 100, 1,000 and 10,000 findings (about
 * 1 KB each), each in its own process (see parse-child.ts for the memory method), and the
 * whole-document remark parse of 100 and 1,000 findings beside it.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { ParseMode, ParseSample } from "./parse-child.js";
import { benchRegister } from "./register.js";
import { growthPer10x } from "./stats.js";
import type { BenchRow } from "./table.js";

const run = promisify(execFile);
const CHILD = fileURLToPath(new URL("./parse-child.js", import.meta.url));
const SECTION = "4 Parse";

export const REGISTER_SIZES = [100, 1_000, 10_000] as const;
export const REMARK_SIZES = [100, 1_000] as const;
/** Goals of issue 7: 1,000 findings under 1.5 s; 10,000 under 15 s and 300 MB. */
export const TIME_GOAL_MS: Record<number, number> = { 1000: 1_500, 10000: 15_000 };
export const MEMORY_GOAL_MB: Record<number, number> = { 10000: 300 };

export interface ParseResult {
  register: Array<ParseSample & { findings: number }>;
  remark: Array<ParseSample & { findings: number }>;
}

/** Timed parses per size (the median is reported): small sizes are cheap and noisy. */
const RUNS: Record<ParseMode, Record<number, number>> = {
  register: { 100: 5, 1000: 3, 10000: 1 },
  remark: { 100: 3, 1000: 1 },
};

async function sample(mode: ParseMode, file: string, findings: number) {
  const runs = String(RUNS[mode][findings] ?? 1);
  const { stdout } = await run(process.execPath, ["--expose-gc", CHILD, mode, file, runs], {
    maxBuffer: 1024 * 1024,
  });
  const parsed = JSON.parse(stdout.trim()) as ParseSample;
  if (mode === "register" && (parsed.items !== findings || parsed.errors > 0))
    throw new Error(`bench: parseRegister found ${parsed.items} of ${findings} findings`);
  return { ...parsed, findings };
}

export async function measureParse(): Promise<ParseResult> {
  const dir = await mkdtemp(join(tmpdir(), "deferbot-bench-"));
  try {
    const files = new Map<number, string>();
    for (const size of REGISTER_SIZES) {
      const file = join(dir, `register-${size}.md`);
      await writeFile(file, benchRegister(size));
      files.set(size, file);
    }
    const result: ParseResult = { register: [], remark: [] };
    for (const size of REGISTER_SIZES)
      result.register.push(await sample("register", files.get(size) ?? "", size));
    for (const size of REMARK_SIZES)
      result.remark.push(await sample("remark", files.get(size) ?? "", size));
    return result;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const count = (n: number) => n.toLocaleString("en-US");

export function parseRows(result: ParseResult): BenchRow[] {
  const rows: BenchRow[] = [];
  for (const s of result.register) {
    const timeGoal = TIME_GOAL_MS[s.findings];
    rows.push({
      section: SECTION,
      what: `${count(s.findings)} findings (${(s.bytes / 1e6).toFixed(2)} MB): time`,
      value: s.ms,
      unit: "ms",
      bound: timeGoal === undefined ? null : { kind: "limit", value: timeGoal },
      detail: `median of ${s.runsMs.length} (${s.runsMs.map((ms) => Math.round(ms)).join(", ")} ms)`,
    });
    const memoryGoal = MEMORY_GOAL_MB[s.findings];
    rows.push({
      section: SECTION,
      what: `${count(s.findings)} findings: peak RSS`,
      value: s.peakRssMB,
      unit: "MB",
      bound: memoryGoal === undefined ? null : { kind: "limit", value: memoryGoal },
      detail: `${(s.peakRssMB - s.baselineRssMB).toFixed(1)} MB above the ${s.baselineRssMB.toFixed(1)} MB before parsing`,
    });
  }
  for (let i = 1; i < result.register.length; i++) {
    const small = result.register[i - 1];
    const large = result.register[i];
    if (!small || !large) continue;
    const span = `${count(small.findings)} → ${count(large.findings)}`;
    rows.push({
      section: SECTION,
      what: `time growth per 10×, ${span}`,
      value: growthPer10x(small.ms, large.ms, small.findings, large.findings),
      unit: "x",
      bound: { kind: "limit", value: 10 },
      detail: "linear = 10×; goal: no worse than linear",
    });
    rows.push({
      section: SECTION,
      what: `memory growth per 10× (above baseline), ${span}`,
      value: growthPer10x(
        small.peakRssMB - small.baselineRssMB,
        large.peakRssMB - large.baselineRssMB,
        small.findings,
        large.findings,
      ),
      unit: "x",
      bound: { kind: "limit", value: 10 },
      detail: "linear = 10×; goal: no worse than linear",
    });
  }
  for (const s of result.remark) {
    const ours = result.register.find((r) => r.findings === s.findings);
    rows.push({
      section: SECTION,
      what: `whole-document remark parse, ${count(s.findings)} findings: time`,
      value: s.ms,
      unit: "ms",
      bound: ours ? { kind: "reference", value: ours.ms, label: "parseRegister" } : null,
      detail: `peak RSS ${s.peakRssMB.toFixed(1)} MB${ours ? ` (parseRegister ${ours.peakRssMB.toFixed(1)} MB)` : ""}`,
    });
  }
  return rows;
}
