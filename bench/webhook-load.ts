/**
 * Measurements 3 and 5: signed push deliveries at 200 a second for 10 s to `deferbot serve`
 * (a child process on loopback) while its syncs run against a slow Gitea fake, once all to one
 * repository and once spread over 20; answer times, 2xx count, syncs run; then the server's
 * resident memory.
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import { giteaRepository, pushPayload } from "../test/server/payloads.js";
import type { GiteaFake } from "../test/support/gitea-fake/index.js";
import { findingSpec, renderRegister } from "../test/support/register.js";
import { signedDelivery } from "../test/support/webhooks.js";
import { type ServeProcess, startServe } from "./serve-process.js";
import { percentile } from "./stats.js";
import type { BenchRow } from "./table.js";
import { DOC, REPO, startFake } from "./wiring.js";

export const RATE_PER_S = 200;
export const DURATION_S = 10;
export const SLOW_FAKE_MS = 50;
export const FINDINGS_PER_REPO = 100;
export const SPREAD_REPOS = 20;
/** Gitea's delivery timeout (`[webhook] DELIVER_TIMEOUT`); it never retries. */
export const GITEA_TIMEOUT_MS = 5_000;
/** The bench gives up on an answer after twice Gitea's timeout (counted as no answer, status 0). */
const CLIENT_TIMEOUT_MS = 2 * GITEA_TIMEOUT_MS;
/** How long the bench waits for the syncs left after the load before stopping the server. */
const DRAIN_LIMIT_MS = 60_000;
const SECRET = "bench-webhook-secret";
const SECTION_ACK = "3 Webhook ack";
const SECTION_RSS = "5 Server memory";

export interface LoadRun {
  name: string;
  repos: number;
  sent: number;
  answered2xx: number;
  /** 2xx answers that came later than Gitea's timeout: failed deliveries for Gitea. */
  lateOver5s: number;
  /** Status → count, for answers other than 2xx (0: no answer). */
  failures: Record<string, number>;
  /** Send to last answer byte, ms, sorted. */
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** From the first send to the last send. */
  sendWindowMs: number;
  /** From the first send to the last answer (or give-up). */
  answeredMs: number;
  /** The bench's own event-loop delay while sending (p99, ms): high means the figures are ours. */
  clientLoopDelayP99Ms: number;
  /** From the last send until every sync had finished (or the bench stopped waiting). */
  drainMs: number;
  /** Whether every sync finished within the drain limit (the counts below are then complete). */
  drained: boolean;
  /** Commits the bench pushed during the load (one a second, one repository in turn). */
  commits: number;
  syncs: number;
  /** Push syncs skipped because their commit was already synced. */
  syncsSkipped: number;
  syncsFailed: number;
  meanSyncMs: number;
  /** Server resident memory: idle before the load, right after it, after the syncs drained. */
  memory: { idleMB: number; afterLoadMB: number; settledMB: number; peakMB: number } | null;
  /** Server CPU seconds used from the first send to the last answer, and on to the end. */
  serverCpu: { duringLoadS: number; untilDrainedS: number } | null;
}

export interface WebhookLoadResult {
  ratePerS: number;
  durationS: number;
  slowFakeMs: number;
  findingsPerRepo: number;
  runs: LoadRun[];
}

function repoNames(count: number): string[] {
  return Array.from({ length: count }, (_, i) => (i === 0 ? REPO : `${REPO}-${i + 1}`));
}

/** A repository's register, with finding `edits % count + 1` reworded `edits` times. */
class MovingRegister {
  edits = 0;
  text(): string {
    const specs = Array.from({ length: FINDINGS_PER_REPO }, (_, i) => findingSpec(i + 1));
    const n = (this.edits % FINDINGS_PER_REPO) + 1;
    if (this.edits > 0) specs[n - 1] = findingSpec(n, { error: `Reworded, edit ${this.edits}` });
    return renderRegister(specs);
  }
}

function pushDelivery(fullName: string, sha: string) {
  const [owner = "", name = ""] = fullName.split("/");
  const payload = pushPayload({ after: sha, commits: [{ id: sha, modified: [DOC] }] });
  const repository = {
    ...giteaRepository(),
    name,
    full_name: fullName,
    html_url: `http://gitea.example/${fullName}`,
  };
  repository.owner = { ...repository.owner, login: owner, username: owner };
  return signedDelivery("push", { ...payload, repository }, SECRET);
}

async function deliver(url: string, fullName: string, sha: string) {
  const delivery = pushDelivery(fullName, sha);
  const start = performance.now();
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: delivery.headers,
      body: delivery.body,
      signal: AbortSignal.timeout(CLIENT_TIMEOUT_MS),
    });
    await response.arrayBuffer();
    return { status: response.status, ms: performance.now() - start };
  } catch {
    return { status: 0, ms: performance.now() - start };
  }
}

const sleepUntil = (at: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.max(0, at - performance.now())));

async function loadRun(name: string, repoCount: number): Promise<LoadRun> {
  const fake: GiteaFake = await startFake(0);
  let serve: ServeProcess | undefined;
  try {
    const repos = repoNames(repoCount);
    const registers = new Map(repos.map((repo) => [repo, new MovingRegister()]));
    const heads = new Map<string, string>();
    for (const repo of repos) {
      if (repo !== REPO) {
        const [owner = "", repoName = ""] = repo.split("/");
        fake.addRepo({ owner, name: repoName, collaborators: { deferbot: "write" } });
      }
      heads.set(repo, fake.setFile(repo, DOC, registers.get(repo)?.text() ?? ""));
    }
    serve = await startServe(fake.url, SECRET);
    const idle = await serve.usage();
    fake.setLatency(SLOW_FAKE_MS);

    const total = RATE_PER_S * DURATION_S;
    const interval = 1000 / RATE_PER_S;
    const answers: Array<Promise<{ status: number; ms: number }>> = [];
    let commits = 0;
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    const t0 = performance.now();
    for (let i = 0; i < total; i++) {
      await sleepUntil(t0 + i * interval);
      // Once a second (after the first), one repository in turn gets a commit that rewords a
      // finding, so both runs push the same commits and differ only in how deliveries spread.
      if (i > 0 && i % RATE_PER_S === 0) {
        const repo = repos[(i / RATE_PER_S - 1) % repos.length] ?? REPO;
        const register = registers.get(repo);
        if (register) {
          register.edits++;
          heads.set(repo, fake.setFile(repo, DOC, register.text()));
          commits++;
        }
      }
      const repo = repos[i % repos.length] ?? REPO;
      answers.push(deliver(serve.hookUrl, repo, heads.get(repo) ?? ""));
    }
    const sendWindowMs = performance.now() - t0;
    loopDelay.disable();
    const results = await Promise.all(answers);
    const answeredMs = performance.now() - t0;
    const afterLoad = await serve.usage();
    const drained = await serve.idle(DRAIN_LIMIT_MS);
    const drainMs = performance.now() - t0 - sendWindowMs;
    const settled = await serve.usage();

    const times = results.map((r) => r.ms).sort((a, b) => a - b);
    const failures: Record<string, number> = {};
    for (const r of results)
      if (r.status < 200 || r.status > 299)
        failures[String(r.status)] = (failures[String(r.status)] ?? 0) + 1;
    const ran = serve.syncs.filter((s) => !s.skipped);
    const done = ran.filter((s) => s.state !== "error");
    return {
      name,
      repos: repoCount,
      sent: total,
      answered2xx: results.filter((r) => r.status >= 200 && r.status <= 299).length,
      lateOver5s: results.filter(
        (r) => r.status >= 200 && r.status <= 299 && r.ms > GITEA_TIMEOUT_MS,
      ).length,
      failures,
      p50Ms: percentile(times, 50),
      p99Ms: percentile(times, 99),
      maxMs: times.at(-1) ?? Number.NaN,
      sendWindowMs,
      clientLoopDelayP99Ms: loopDelay.percentile(99) / 1e6,
      drainMs,
      drained,
      commits,
      syncs: ran.length,
      syncsSkipped: serve.syncs.length - ran.length,
      syncsFailed: ran.length - done.length,
      meanSyncMs: ran.reduce((sum, s) => sum + s.durationMs, 0) / (ran.length || 1),
      memory:
        idle && afterLoad && settled
          ? {
              idleMB: idle.rssMB,
              afterLoadMB: afterLoad.rssMB,
              settledMB: settled.rssMB,
              peakMB: settled.peakMB,
            }
          : null,
      serverCpu:
        idle && afterLoad && settled
          ? {
              duringLoadS: afterLoad.cpuSeconds - idle.cpuSeconds,
              untilDrainedS: settled.cpuSeconds - idle.cpuSeconds,
            }
          : null,
      answeredMs,
    };
  } finally {
    await serve?.stop();
    await fake.stop();
  }
}

export async function measureWebhookLoad(): Promise<WebhookLoadResult> {
  return {
    ratePerS: RATE_PER_S,
    durationS: DURATION_S,
    slowFakeMs: SLOW_FAKE_MS,
    findingsPerRepo: FINDINGS_PER_REPO,
    runs: [
      await loadRun("one repository", 1),
      await loadRun(`${SPREAD_REPOS} repositories`, SPREAD_REPOS),
    ],
  };
}

export function webhookRows(result: WebhookLoadResult): BenchRow[] {
  const rows: BenchRow[] = [];
  for (const run of result.runs) {
    const limit = { kind: "limit" as const, value: GITEA_TIMEOUT_MS };
    const where = run.name;
    rows.push(
      {
        section: SECTION_ACK,
        what: `${where}: p50 answer`,
        value: run.p50Ms,
        unit: "ms",
        bound: limit,
        detail: `${run.sent} push deliveries in ${(run.sendWindowMs / 1000).toFixed(1)} s; goal: Gitea's 5 s timeout`,
      },
      {
        section: SECTION_ACK,
        what: `${where}: p99 answer`,
        value: run.p99Ms,
        unit: "ms",
        bound: limit,
        detail: `the bench's own event-loop delay p99 ${run.clientLoopDelayP99Ms.toFixed(0)} ms`,
      },
      {
        section: SECTION_ACK,
        what: `${where}: max answer`,
        value: run.maxMs,
        unit: "ms",
        bound: limit,
      },
      {
        section: SECTION_ACK,
        what: `${where}: deliveries answered 2xx`,
        value: run.answered2xx,
        unit: "count",
        bound: { kind: "equal", value: run.sent },
        detail:
          `${run.lateOver5s} of them after 5 s (failed for Gitea); ` +
          (Object.keys(run.failures).length
            ? `others by status (0: none within ${CLIENT_TIMEOUT_MS / 1000} s): ${JSON.stringify(run.failures)}`
            : "no other answers"),
      },
      {
        section: SECTION_ACK,
        what: `${where}: syncs run`,
        value: run.syncs,
        unit: "count",
        bound: { kind: "reference", value: run.sent, label: "deliveries" },
        detail:
          `${run.repos} repo(s), ${run.commits} commits during the load, mean sync ` +
          `${(run.meanSyncMs / 1000).toFixed(2)} s, ${run.syncsFailed} failed, ` +
          `${run.syncsSkipped} skipped (commit already synced), ` +
          (run.drained
            ? `all done ${(run.drainMs / 1000).toFixed(1)} s after the last send`
            : `still busy ${(run.drainMs / 1000).toFixed(0)} s after the last send (count incomplete)`) +
          (run.serverCpu
            ? `; server CPU ${run.serverCpu.duringLoadS.toFixed(1)} s in the ${(run.answeredMs / 1000).toFixed(1)} s to the last answer`
            : "") +
          `; fake ${result.slowFakeMs} ms a request`,
      },
    );
    if (run.memory)
      rows.push({
        section: SECTION_RSS,
        what: `deferbot serve RSS after the load (${where})`,
        value: run.memory.settledMB,
        unit: "MB",
        bound: { kind: "reference", value: run.memory.idleMB, label: "idle" },
        detail: `${run.memory.afterLoadMB.toFixed(1)} MB right after the last answer; peak ${run.memory.peakMB.toFixed(1)} MB`,
      });
  }
  return rows;
}
