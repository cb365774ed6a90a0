/** Shared set-up for adapter tests: an Octokit for a fake user, without backoff waits. */
import { type GiteaClient, giteaClient } from "../../src/gitea/client.js";
import { createGiteaOctokit, type GiteaOctokitInstance } from "../../src/gitea/create-octokit.js";
import type { GiteaFake } from "../support/gitea-fake/index.js";

export const quietLog = { debug() {}, info() {}, warn() {}, error() {} };

export function octokitFor(
  fake: GiteaFake,
  token = "deferbot-token",
  retryDelaysMs: readonly number[] = [0, 0, 0],
): GiteaOctokitInstance {
  return createGiteaOctokit({ token, apiBaseUrl: fake.apiUrl, retryDelaysMs, log: quietLog });
}

export function clientFor(
  fake: GiteaFake,
  repo = "acme/widgets",
  token = "deferbot-token",
): GiteaClient {
  const [owner = "", name = ""] = repo.split("/");
  return giteaClient(octokitFor(fake, token), owner, name);
}
