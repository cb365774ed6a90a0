/**
 * Issue 13: webhook answers for a second repository while `deferbot serve` (the built bin, a
 * child process) parses a big register on its parse worker: once a 10 MiB register, once a
 * document nested 1,000 deep. Deliveries go to the second repository every 50 ms from the
 * push of the big one until its sync is logged; answer times (p50, p99, max) and the server's
 * peak resident memory (main thread and worker together: they share the process).
 */
import { giteaRepository, pushPayload } from "../test/server/payloads.js";
import { findingSpec, renderRegister } from "../test/support/register.js";
import { signedDelivery } from "../test/support/webhooks.js";
import { benchRegister } from "./register.js";
import { type ServeProcess, startServe } from "./serve-process.js";
import { percentile } from "./stats.js";
import type { BenchRow } from "./table.js";
import { DOC, REPO, startFake } from "./wiring.js";

const SECRET = "bench-webhook-secret";
const OTHER = "acme/other";
const SECTION = "6 Parsing under load";
const EVERY_MS = 50;
/** The bench stops waiting for the big sync after this long. */
const GIVE_UP_MS = 180_000;
const MIB = 1024 * 1024;

export interface UnderLoadRun {
  name: string;
  bytes: number;
  answers: number;
  non2xx: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** From the push of the big register to its sync's log line. */
  bigSyncMs: number;
  bigSyncState: string;
  peakRssMB: number | null;
}

/** The largest bench register under 10 MiB. */
function tenMiBRegister(): string {
  const perFinding = benchRegister(100).length / 100;
  let count = Math.floor((10 * MIB) / perFinding);
  let text = benchRegister(count);
  while (Buffer.byteLength(text) > 10 * MIB) text = benchRegister(--count);
  return text;
}

function nestedDocument(): string {
  return `${renderRegister([findingSpec(1)])}\n## ${findingSpec(2).id}: Deep\n\n${"- ".repeat(1000)}x\n`;
}

function pushDelivery(fullName: string, sha: string) {
  const name = fullName.split("/")[1] ?? "";
  const payload = pushPayload({ after: sha, commits: [{ id: sha, modified: [DOC] }] });
  return signedDelivery(
    "push",
    { ...payload, repository: { ...giteaRepository(), name, full_name: fullName } },
    SECRET,
  );
}

async function deliver(url: string, fullName: string, sha: string) {
  const delivery = pushDelivery(fullName, sha);
  const start = performance.now();
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: delivery.headers,
      body: delivery.body,
      signal: AbortSignal.timeout(10_000),
    });
    await response.arrayBuffer();
    return { status: response.status, ms: performance.now() - start };
  } catch {
    return { status: 0, ms: performance.now() - start };
  }
}

async function run(name: string, text: string): Promise<UnderLoadRun> {
  const fake = await startFake(0);
  let serve: ServeProcess | undefined;
  try {
    fake.addRepo({ owner: "acme", name: "other", collaborators: { deferbot: "write" } });
    const otherSha = fake.setFile(OTHER, DOC, renderRegister([findingSpec(1)]));
    // Few writes for the big register: its cost here is the parse.
    fake.setFile(REPO, ".gitea/deferbot.yml", "maxCreates: 1\n");
    const bigSha = fake.setFile(REPO, DOC, text);
    serve = await startServe(fake.url, SECRET);
    const started = performance.now();
    await deliver(serve.hookUrl, REPO, bigSha);
    const answers: Array<{ status: number; ms: number }> = [];
    const bigSync = () => serve?.syncs.find((sync) => sync.repo === REPO && !sync.skipped);
    while (!bigSync() && performance.now() - started < GIVE_UP_MS) {
      const next = performance.now() + EVERY_MS;
      answers.push(await deliver(serve.hookUrl, OTHER, otherSha));
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - performance.now())));
    }
    const bigSyncMs = performance.now() - started;
    const usage = await serve.usage();
    const times = answers.map((answer) => answer.ms).sort((a, b) => a - b);
    return {
      name,
      bytes: Buffer.byteLength(text),
      answers: answers.length,
      non2xx: answers.filter((answer) => answer.status < 200 || answer.status >= 300).length,
      p50Ms: percentile(times, 50),
      p99Ms: percentile(times, 99),
      maxMs: times.at(-1) ?? 0,
      bigSyncMs,
      bigSyncState: bigSync()?.state ?? "not finished",
      peakRssMB: usage?.peakMB ?? null,
    };
  } finally {
    await serve?.stop();
    await fake.stop();
  }
}

export interface ParseUnderLoadResult {
  runs: UnderLoadRun[];
}

export async function measureParseUnderLoad(): Promise<ParseUnderLoadResult> {
  return {
    runs: [
      await run("10 MiB register", tenMiBRegister()),
      await run("nested 1,000 deep", nestedDocument()),
    ],
  };
}

export function parseUnderLoadRows(result: ParseUnderLoadResult): BenchRow[] {
  return result.runs.flatMap((r) => [
    {
      section: SECTION,
      what: `webhook answers for another repository while parsing the ${r.name}: p99`,
      value: r.p99Ms,
      unit: "ms" as const,
      bound: { kind: "limit" as const, value: 100 },
      detail: `p50 ${r.p50Ms.toFixed(1)} ms, max ${r.maxMs.toFixed(1)} ms, ${r.answers} answers (${r.non2xx} not 2xx); the big sync took ${(r.bigSyncMs / 1000).toFixed(1)} s (${r.bigSyncState}), ${(r.bytes / MIB).toFixed(2)} MiB`,
    },
    {
      section: SECTION,
      what: `serve's peak RSS while parsing the ${r.name} (main thread + worker)`,
      value: r.peakRssMB ?? Number.NaN,
      unit: "MB" as const,
      bound: null,
    },
  ]);
}
