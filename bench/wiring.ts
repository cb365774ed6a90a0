/** The Gitea fake and a Deferbot talking to it over loopback, as the tests wire them (sync-harness). */
import { ProbotOctokit } from "probot";
import type { OctokitLike } from "../src/gitea/client.js";
import { createGiteaOctokit } from "../src/gitea/create-octokit.js";
import { Deferbot } from "../src/service/deferbot.js";
import { type GiteaFake, startGiteaFake } from "../test/support/gitea-fake/index.js";

export const REPO = "acme/widgets";
export const DOC = "docs/deferred-errors.md";
export const BOT = "deferbot";
export const TOKEN = "deferbot-token";
/** The service's default: issue writes in flight at once per sync. */
export const CONCURRENCY = 4;

const silent = { debug() {}, info() {}, warn() {}, error() {} };

/** The fake without contract checks (the tests check the contract; here it would cost time). */
export function startFake(latencyMs = 0, validate = false): Promise<GiteaFake> {
  return startGiteaFake({ latencyMs, validate });
}

/** deferbot's own Octokit: throttling off, idempotent-only retries. */
export function giteaOctokit(fake: Pick<GiteaFake, "apiUrl">): OctokitLike {
  return createGiteaOctokit({ token: TOKEN, apiBaseUrl: fake.apiUrl, log: silent });
}

/**
 * What a naive Probot app in token mode gets (`new Probot({ githubToken, baseUrl })`): Probot's
 * Octokit with its default throttling and retry left on.
 */
export function naiveProbotOctokit(fake: Pick<GiteaFake, "apiUrl">): OctokitLike {
  return new ProbotOctokit({ auth: { token: TOKEN }, baseUrl: fake.apiUrl, log: silent });
}

export function deferbot(octokit: OctokitLike, concurrency = CONCURRENCY): Deferbot {
  return new Deferbot({ octokit, botLogin: BOT, concurrency });
}

/** Bot-authored issues (any state, pull requests excluded): what the sync's listing returns. */
export function botIssueCount(fake: GiteaFake, repo = REPO): number {
  return fake.repo(repo).issues.filter((issue) => !issue.pull && issue.author === BOT).length;
}
