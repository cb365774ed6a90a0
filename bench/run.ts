/**
 * `npm run bench`: every measurement of issue 7 in one run, one table on stdout (progress on
 * stderr), and the figures as JSON in bench/results/latest.json with the machine they came from.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { arch, availableParallelism, cpus, loadavg, platform, totalmem } from "node:os";
import { fileURLToPath } from "node:url";
import { apiEconomyRows, measureApiEconomy } from "./api-economy.js";
import { cliSyncRows, measureCliSync } from "./cli-sync.js";
import { coldStartRows, measureColdStart } from "./cold-start.js";
import { cpuTimes, stealPercent } from "./cpu-steal.js";
import { ratio } from "./floor.js";
import { measureParse, parseRows } from "./parse.js";
import { measureParseUnderLoad, parseUnderLoadRows } from "./parse-under-load.js";
import { measureRedisLockStep, redisLockStepRows } from "./redis-lock-step.js";
import { measureSyncLatency, syncLatencyRows } from "./sync-latency.js";
import { type BenchRow, formatTable, meetsBound } from "./table.js";
import { measureWebhookLoad, webhookRows } from "./webhook-load.js";
import { measureWriteWindow, writeWindowRows } from "./write-window.js";

/** This file runs as dist-bench/bench/run.js; the results live in the source tree. */
const RESULTS = fileURLToPath(new URL("../../bench/results/latest.json", import.meta.url));

interface Step<T> {
  name: string;
  measure: () => Promise<T>;
  rows: (result: T) => BenchRow[];
}

const step = <T>(s: Step<T>) => s as Step<unknown>;

const STEPS = [
  step({ name: "apiEconomy", measure: measureApiEconomy, rows: apiEconomyRows }),
  step({ name: "syncLatency", measure: measureSyncLatency, rows: syncLatencyRows }),
  step({ name: "parse", measure: measureParse, rows: parseRows }),
  step({ name: "webhookLoad", measure: measureWebhookLoad, rows: webhookRows }),
  step({ name: "coldStart", measure: () => measureColdStart(), rows: coldStartRows }),
  step({ name: "writeWindow", measure: measureWriteWindow, rows: writeWindowRows }),
  step({ name: "redisLock", measure: measureRedisLockStep, rows: redisLockStepRows }),
  step({ name: "parseUnderLoad", measure: measureParseUnderLoad, rows: parseUnderLoadRows }),
  step({ name: "cliSync", measure: measureCliSync, rows: cliSyncRows }),
];

/** `BENCH_ONLY=redisLock,parse` or `run.js redisLock parse`: only those steps, and latest.json is left as it is. */
const ONLY = [...process.argv.slice(2), ...(process.env.BENCH_ONLY ?? "").split(",")].filter(
  Boolean,
);
const CHOSEN = ONLY.length === 0 ? STEPS : STEPS.filter((s) => ONLY.includes(s.name));

function machine() {
  return {
    node: process.version,
    cpus: availableParallelism(),
    cpuModel: cpus()[0]?.model ?? "unknown",
    totalMemoryMB: Math.round(totalmem() / 1024 / 1024),
    platform: platform(),
    arch: arch(),
  };
}

async function main(): Promise<void> {
  const started = performance.now();
  const loadBefore = loadavg();
  const rows: BenchRow[] = [];
  const measurements: Record<string, unknown> = {};
  const durations: Record<string, number> = {};
  const steal: Record<string, number | null> = {};
  if (CHOSEN.length === 0)
    throw new Error(`BENCH_ONLY names no step (${STEPS.map((s) => s.name)})`);
  for (const [index, { name, measure, rows: toRows }] of CHOSEN.entries()) {
    process.stderr.write(`bench ${index + 1}/${CHOSEN.length}: ${name}…\n`);
    const stepStart = performance.now();
    const timesBefore = cpuTimes();
    const result = await measure();
    durations[name] = Math.round(performance.now() - stepStart);
    steal[name] = stealPercent(timesBefore, cpuTimes());
    measurements[name] = result;
    rows.push(...toRows(result));
  }
  // Printed in the order (the webhook load runs last, after the parse).
  rows.sort((a, b) => a.section.localeCompare(b.section));
  const table = formatTable(rows);
  const durationS = (performance.now() - started) / 1000;
  const info = machine();
  const stolen = Object.entries(steal)
    .filter((entry): entry is [string, number] => entry[1] !== null)
    .map(([name, percent]) => `${name} ${percent.toFixed(0)} %`);
  process.stdout.write(
    `${table}\n\nNode ${info.node}, ${info.cpus} cores (${info.cpuModel}), ` +
      `${durationS.toFixed(0)} s in all; load average ${loadBefore[0]?.toFixed(2)} before.\n` +
      (stolen.length > 0
        ? `CPU time taken by the hypervisor (steal) during each step: ${stolen.join(", ")}.\n`
        : ""),
  );

  const results = {
    generatedAt: new Date().toISOString(),
    durationS: Math.round(durationS),
    machine: { ...info, loadAverage: { before: loadBefore, after: loadavg() } },
    durationsMs: durations,
    stealPercent: steal,
    table,
    rows: rows.map((row) => ({
      ...row,
      ratio: row.bound ? ratio(row.value, row.bound.value) : null,
      meets: meetsBound(row),
    })),
    measurements,
  };
  if (CHOSEN !== STEPS) {
    process.stderr.write("bench: some steps only (BENCH_ONLY): latest.json not written\n");
    return;
  }
  await mkdir(fileURLToPath(new URL(".", `file://${RESULTS}`)), { recursive: true });
  await writeFile(RESULTS, `${JSON.stringify(results, jsonNumbers, 2)}\n`);
  process.stderr.write(`bench: wrote ${RESULTS}\n`);
}

/** Milliseconds and megabytes to 0.1, ratios to 0.001: enough to compare runs, short to diff. */
function jsonNumbers(_key: string, value: unknown): unknown {
  if (typeof value !== "number" || Number.isInteger(value)) return value;
  if (!Number.isFinite(value)) return String(value);
  return Math.abs(value) < 10 ? Math.round(value * 1000) / 1000 : Math.round(value * 10) / 10;
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
