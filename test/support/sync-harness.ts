/** A Gitea fake and a Deferbot talking to it over loopback HTTP, for sync scenarios. */

import { isDashboard } from "../../src/core/dashboard/identify-dashboard.js";
import { createGiteaOctokit } from "../../src/gitea/create-octokit.js";
import { Deferbot } from "../../src/service/deferbot.js";
import type { SyncRequest, SyncResult } from "../../src/sync/sync-repository.js";
import type { FakeIssue, GiteaFake } from "./gitea-fake/index.js";
import { ranHere } from "./ran-here.js";

export const REPO = "acme/widgets";
export const DOC = "docs/deferred-errors.md";
export const BOT = "deferbot";

const silent = { debug() {}, info() {}, warn() {}, error() {} };

export interface Harness {
  fake: GiteaFake;
  bot: Deferbot;
  /** Commits the register; returns the commit sha. */
  commit(text: string): string;
  sync(request?: Omit<SyncRequest, "dryRun">): Promise<SyncResult>;
  /** The issues, pull requests and dashboards left out. */
  issues(): FakeIssue[];
  /** Issues carrying the marker of `id`. */
  issuesFor(id: string): FakeIssue[];
  labelsOf(issue: FakeIssue): string[];
  commentsOn(number: number): string[];
}

/**
 * The dashboard (SPEC §8, on by default) is off unless `dashboard: true`: these scenarios count
 * the tracking issues' requests. It is turned off in `.github/deferbot.yml`, the path read only
 * when `.gitea/deferbot.yml` is absent, so the config probe costs what it did (both paths read)
 * and a test's own `.gitea/deferbot.yml` replaces it.
 */
export function harness(
  fake: GiteaFake,
  options: { concurrency?: number; timeoutMs?: number; dashboard?: boolean } = {},
): Harness {
  if (!options.dashboard) fake.setFile(REPO, ".github/deferbot.yml", "dashboard: false\n");
  const octokit = createGiteaOctokit({
    token: "deferbot-token",
    apiBaseUrl: fake.apiUrl,
    retryDelaysMs: [0, 0],
    log: silent,
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
  });
  const bot = new Deferbot({ octokit, botLogin: BOT, concurrency: options.concurrency ?? 4 });
  const repo = () => fake.repo(REPO);
  return {
    fake,
    bot,
    commit: (text) => fake.setFile(REPO, DOC, text),
    sync: async (request = {}) =>
      ranHere(await bot.sync(REPO, { sha: fake.headSha(REPO), ...request })),
    issues: () => repo().issues.filter((issue) => !issue.pull && !isDashboardBody(issue.body)),
    issuesFor: (id) =>
      repo().issues.filter((issue) => issue.body.includes(`<!-- deferbot:finding id=${id} -->`)),
    labelsOf: (issue) =>
      issue.labelIds.map((id) => repo().labels.find((label) => label.id === id)?.name ?? `#${id}`),
    commentsOn: (number) =>
      repo()
        .comments.filter((comment) => comment.issueNumber === number)
        .map((comment) => comment.body),
  };
}

function isDashboardBody(body: string): boolean {
  return isDashboard({ body });
}
