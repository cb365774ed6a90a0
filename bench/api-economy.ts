/**
 * Measurement 1: the Gitea requests each sync scenario makes (from the fake's log) against the
 * floor of SPEC §3.4 "Calls". One process, one Deferbot, five syncs in a row on 200 findings.
 */
import { CONFIG_PATHS } from "../src/core/config/parse-repo-config.js";
import { DEFAULT_CONFIG } from "../src/core/config/repo-config.js";
import { parseRegister } from "../src/core/document/parse-register.js";
import { findingLabels } from "../src/core/issue/labels.js";
import type { SyncResult } from "../src/sync/sync-repository.js";
import type { GiteaFake } from "../test/support/gitea-fake/index.js";
import { ranHere } from "../test/support/ran-here.js";
import { type FindingSpec, findingSpec, renderRegister } from "../test/support/register.js";
import {
  type CallCount,
  countRequests,
  NO_WORK,
  type SetupNeeds,
  type SyncWork,
  setupFloor,
  syncFloor,
  total,
} from "./floor.js";
import type { BenchRow } from "./table.js";
import { BOT, botIssueCount, DOC, deferbot, giteaOctokit, REPO, startFake } from "./wiring.js";

export const FINDINGS = 200;
const SECTION = "1 API economy";

export interface ScenarioResult {
  name: string;
  measured: CallCount;
  floor: CallCount;
  /** Requests by route, for reading the JSON when a ratio is off. */
  routes: Record<string, number>;
  summary: SyncResult["plan"]["summary"];
  status: SyncResult["status"];
}

export interface ApiEconomyResult {
  findings: number;
  scenarios: ScenarioResult[];
  setup: { measured: CallCount; floor: CallCount; needs: SetupNeeds };
  /** Contract violations the fake saw (only when run with validation). */
  violations: string[];
}

interface Scenario {
  name: string;
  /** Changes the repository as a person would; answers what the sync must then do. */
  prepare(fake: GiteaFake): Omit<SyncWork, "listed">;
}

/** Finding n's spec, with the scenario's edits applied; removed findings are left out. */
class Register {
  readonly #specs = new Map<number, FindingSpec>();
  constructor(count: number) {
    for (let n = 1; n <= count; n++) this.#specs.set(n, findingSpec(n));
  }
  edit(n: number, overrides: Partial<FindingSpec>): void {
    this.#specs.set(n, { ...findingSpec(n), ...this.#specs.get(n), ...overrides });
  }
  remove(n: number): void {
    this.#specs.delete(n);
  }
  text(): string {
    return renderRegister([...this.#specs.values()]);
  }
}

function tickFirstStep(body: string): string {
  return body.replace(/^- \[ \] /m, "- [x] ");
}

function scenarios(register: Register): Scenario[] {
  return [
    {
      name: `first sync of ${FINDINGS} findings`,
      prepare: (fake) => {
        fake.setFile(REPO, DOC, register.text());
        return { ...NO_WORK, creates: FINDINGS };
      },
    },
    {
      name: "the same document again",
      prepare: () => NO_WORK,
    },
    {
      name: "5 findings changed (1 of them a risk change)",
      prepare: (fake) => {
        for (const n of [10, 20, 30, 40]) register.edit(n, { error: `Reworded error of ${n}` });
        // Finding 50 is Low (50 % 3 ≠ 0): High swaps one risk label.
        register.edit(50, { risk: "High — now reachable from the public API" });
        fake.setFile(REPO, DOC, register.text());
        return { ...NO_WORK, updates: 5, labelChanges: 1 };
      },
    },
    {
      name: "3 findings removed",
      prepare: (fake) => {
        for (const n of [60, 70, 80]) register.remove(n);
        fake.setFile(REPO, DOC, register.text());
        return { ...NO_WORK, closes: 3 };
      },
    },
    {
      name: "1 step ticked on the tracker, then another finding changed",
      prepare: (fake) => {
        const ticked = fake
          .repo(REPO)
          .issues.find((issue) => issue.body.includes("<!-- deferbot:finding id=TD-090 -->"));
        if (!ticked) throw new Error("bench: no issue for TD-090");
        ticked.body = tickFirstStep(ticked.body);
        register.edit(100, { error: "Reworded error of 100" });
        fake.setFile(REPO, DOC, register.text());
        return { ...NO_WORK, updates: 1 };
      },
    },
  ];
}

/** Setup the first sync needs: no config file, no labels yet, the labels the findings carry. */
function setupNeeds(fake: GiteaFake, text: string): SetupNeeds {
  const existing = new Set(fake.repo(REPO).labels.map((label) => label.name));
  const needed = new Set(
    parseRegister(text).findings.flatMap((finding) => findingLabels(finding, DEFAULT_CONFIG)),
  );
  return {
    configPathsTried: CONFIG_PATHS.length,
    existingLabels: existing.size,
    missingLabels: [...needed].filter((name) => !existing.has(name)).length,
  };
}

function routeHistogram(fake: GiteaFake): Record<string, number> {
  const routes: Record<string, number> = {};
  for (const request of fake.requests) {
    const key = request.route ?? `${request.method} ${request.path}`;
    routes[key] = (routes[key] ?? 0) + 1;
  }
  return routes;
}

function expectOutcome(name: string, result: SyncResult, work: Omit<SyncWork, "listed">): void {
  const { summary } = result.plan;
  const wanted = { created: work.creates, updated: work.updates, closed: work.closes };
  const got = { created: summary.created, updated: summary.updated, closed: summary.closed };
  const failed = result.outcomes.filter((outcome) => outcome.error !== undefined);
  if (JSON.stringify(wanted) !== JSON.stringify(got) || failed.length > 0)
    throw new Error(
      `bench scenario "${name}": expected ${JSON.stringify(wanted)}, the sync did ${JSON.stringify(got)}` +
        (failed.length > 0 ? ` with ${failed.length} failures (${failed[0]?.error})` : ""),
    );
}

export async function measureApiEconomy(options: { validate?: boolean } = {}) {
  const fake = await startFake(0, options.validate ?? false);
  try {
    const bot = deferbot(giteaOctokit(fake));
    const register = new Register(FINDINGS);
    const needs = setupNeeds(fake, register.text());
    const setup: CallCount = { reads: 0, writes: 0 };
    const results: ScenarioResult[] = [];
    for (const scenario of scenarios(register)) {
      const work = scenario.prepare(fake);
      const listed = botIssueCount(fake);
      fake.resetRequests();
      const result = ranHere(await bot.sync(REPO, { sha: fake.headSha(REPO) }));
      expectOutcome(scenario.name, result, work);
      const split = countRequests(
        fake.requests.filter((request) => request.user === BOT),
        CONFIG_PATHS,
      );
      setup.reads += split.setup.reads;
      setup.writes += split.setup.writes;
      results.push({
        name: scenario.name,
        measured: split.sync,
        floor: syncFloor({ ...work, listed }),
        routes: routeHistogram(fake),
        summary: result.plan.summary,
        status: result.status,
      });
    }
    const outcome: ApiEconomyResult = {
      findings: FINDINGS,
      scenarios: results,
      setup: { measured: setup, floor: setupFloor(needs), needs },
      violations: [...fake.violations],
    };
    return outcome;
  } finally {
    await fake.stop();
  }
}

function breakdown(count: CallCount): string {
  return `${count.reads} r + ${count.writes} w`;
}

export function apiEconomyRows(result: ApiEconomyResult): BenchRow[] {
  const rows: BenchRow[] = result.scenarios.map((scenario) => ({
    section: SECTION,
    what: `${scenario.name}: requests`,
    value: total(scenario.measured),
    unit: "requests",
    bound: { kind: "floor", value: total(scenario.floor) },
    detail: `${breakdown(scenario.measured)} (floor ${breakdown(scenario.floor)}); setup apart`,
  }));
  const { needs } = result.setup;
  rows.push({
    section: SECTION,
    what: "per-process setup, all 5 syncs: requests",
    value: total(result.setup.measured),
    unit: "requests",
    bound: { kind: "floor", value: total(result.setup.floor) },
    detail:
      `${breakdown(result.setup.measured)}: repository, ${needs.configPathsTried} config paths, ` +
      `labels list, ${needs.missingLabels} label creates (bot login given)`,
  });
  return rows;
}
