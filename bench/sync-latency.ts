/**
 * Measurement 2: wall time of a first sync of 200 findings when every Gitea request takes 25 ms,
 * against the floor N·L/C; and the same with Probot's default throttling (a naive Probot app),
 * capped at 20 findings so it ends. The fake runs in a process of its own (fake-process.ts), as
 * Gitea would: its request handling does not share deferbot's event loop.
 */
import { parseRegister } from "../src/core/document/parse-register.js";
import type { OctokitLike } from "../src/gitea/client.js";
import { ranHere } from "../test/support/ran-here.js";
import { generatedRegister } from "../test/support/register.js";
import { remoteFake } from "./fake-process.js";
import { latencyFloorMs } from "./floor.js";
import type { BenchRow } from "./table.js";
import { CONCURRENCY, DOC, deferbot, giteaOctokit, naiveProbotOctokit, REPO } from "./wiring.js";

export const LATENCY_MS = 25;
export const FINDINGS = 200;
export const NAIVE_FINDINGS = 20;
const SECTION = "2 Sync time";

export interface TimedSync {
  findings: number;
  wallMs: number;
  requests: number;
  /** Requests the fake was serving at once, at most. */
  peakInFlight: number;
  /** Requests made before the first issue create (setup, document, listing): one after another. */
  beforeFirstCreate: number;
  /** The same document parsed alone, just before the sync (CPU the floor leaves out). */
  parseMs: number;
}

export interface SyncLatencyResult {
  latencyMs: number;
  concurrency: number;
  deferbot: TimedSync;
  naiveProbot: TimedSync;
}

async function timedFirstSync(
  findings: number,
  octokit: (fake: { apiUrl: string }) => OctokitLike,
): Promise<TimedSync> {
  const fake = await remoteFake(LATENCY_MS);
  try {
    const bot = deferbot(octokit(fake));
    const text = generatedRegister(findings);
    const sha = await fake.setFile(REPO, DOC, text);
    const parseStart = performance.now();
    parseRegister(text);
    const parseMs = performance.now() - parseStart;
    await fake.resetRequests();
    const start = performance.now();
    const result = ranHere(await bot.sync(REPO, { sha }));
    const wallMs = performance.now() - start;
    if (result.plan.summary.created !== findings || result.status.state !== "success")
      throw new Error(
        `bench: first sync of ${findings} findings ended "${result.status.description}"`,
      );
    const { requests, peakInFlight } = await fake.stats();
    const firstCreate = requests.indexOf("POST /repos/{owner}/{repo}/issues");
    return {
      findings,
      wallMs,
      requests: requests.length,
      peakInFlight,
      beforeFirstCreate: firstCreate,
      parseMs,
    };
  } finally {
    await fake.stop();
  }
}

export async function measureSyncLatency(): Promise<SyncLatencyResult> {
  return {
    latencyMs: LATENCY_MS,
    concurrency: CONCURRENCY,
    deferbot: await timedFirstSync(FINDINGS, giteaOctokit),
    naiveProbot: await timedFirstSync(NAIVE_FINDINGS, naiveProbotOctokit),
  };
}

export function syncLatencyRows(result: SyncLatencyResult): BenchRow[] {
  const { latencyMs: L, concurrency: C } = result;
  const ours = result.deferbot;
  const naive = result.naiveProbot;
  return [
    {
      section: SECTION,
      what: `first sync of ${ours.findings} findings, ${L} ms a request, C = ${C}`,
      value: ours.wallMs,
      unit: "ms",
      bound: { kind: "floor", value: latencyFloorMs(ours.findings, L, C) },
      detail:
        `floor N·L/C; ${ours.requests} requests, ${ours.beforeFirstCreate} before the first ` +
        `create, at most ${ours.peakInFlight} in flight; parse alone ${Math.round(ours.parseMs)} ms`,
    },
    {
      section: SECTION,
      what: `naive Probot (default throttling), ${naive.findings} findings: time a create`,
      value: naive.wallMs / naive.findings,
      unit: "ms",
      bound: { kind: "floor", value: latencyFloorMs(1, L, C) },
      detail: `whole sync ${(naive.wallMs / 1000).toFixed(1)} s, ${naive.requests} requests; floor L/C`,
    },
  ];
}
