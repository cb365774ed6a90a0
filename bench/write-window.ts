/**
 * Measurement 7: the re-read → write window (SPEC §3.4 "Calls"), the one place a person's edit
 * made at the same moment can still be lost, as Gitea's issue API has no conditional update. As
 * the fake sees it: from its answer to the bot's re-read of an issue to its applying the PATCH
 * built from it. A sync where every one of 40 findings changed: 40 re-reads, each followed by
 * its PATCH, at 0 and 25 ms of latency per request.
 */

import { ranHere } from "../test/support/ran-here.js";
import { findingSpec, renderRegister } from "../test/support/register.js";
import { median, percentile } from "./stats.js";
import type { BenchRow } from "./table.js";
import { DOC, deferbot, giteaOctokit, REPO, startFake } from "./wiring.js";

export const FINDINGS = 40;
export const LATENCIES_MS = [0, 25] as const;
const SECTION = "7 Write window";

export interface WindowAtLatency {
  latencyMs: number;
  writes: number;
  p50Ms: number;
  p99Ms: number;
}

async function windowAt(latencyMs: number): Promise<WindowAtLatency> {
  const fake = await startFake(latencyMs);
  try {
    const bot = deferbot(giteaOctokit(fake));
    const specs = Array.from({ length: FINDINGS }, (_, i) => findingSpec(i + 1));
    await bot.sync(REPO, { sha: fake.setFile(REPO, DOC, renderRegister(specs)) });
    const readAt = new Map<string, number>();
    const windows: number[] = [];
    fake.onRequest({
      when: "answered",
      route: "GET /repos/{owner}/{repo}/issues/{index}",
      edit: ({ params }) => readAt.set(params.index ?? "", performance.now()),
    });
    fake.onRequest({
      when: "answered",
      route: "PATCH /repos/{owner}/{repo}/issues/{index}",
      edit: ({ params }) => {
        const at = readAt.get(params.index ?? "");
        if (at !== undefined) windows.push(performance.now() - at);
      },
    });
    const changed = specs.map((spec) => ({ ...spec, title: `${spec.title}, reworded` }));
    const result = ranHere(
      await bot.sync(REPO, { sha: fake.setFile(REPO, DOC, renderRegister(changed)) }),
    );
    if (result.plan.summary.updated !== FINDINGS)
      throw new Error(
        `write window: expected ${FINDINGS} updates, planned ${result.plan.summary.updated}`,
      );
    return {
      latencyMs,
      writes: windows.length,
      p50Ms: median(windows),
      p99Ms: percentile(
        [...windows].sort((a, b) => a - b),
        99,
      ),
    };
  } finally {
    await fake.stop();
  }
}

export async function measureWriteWindow(): Promise<WindowAtLatency[]> {
  const results: WindowAtLatency[] = [];
  for (const latencyMs of LATENCIES_MS) results.push(await windowAt(latencyMs));
  return results;
}

export function writeWindowRows(results: WindowAtLatency[]): BenchRow[] {
  return results.flatMap((r) => [
    {
      section: SECTION,
      what: `re-read → write window p50, ${r.latencyMs} ms latency`,
      value: r.p50Ms,
      unit: "ms" as const,
      bound: null,
      // One request's latency is the least it can be: the PATCH travels after the read's answer.
      detail: `${r.writes} writes; the merge's CPU and one request's latency`,
    },
    {
      section: SECTION,
      what: `re-read → write window p99, ${r.latencyMs} ms latency`,
      value: r.p99Ms,
      unit: "ms" as const,
      bound: null,
      detail: `${r.writes} writes`,
    },
  ]);
}
