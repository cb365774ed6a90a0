/** Shared set-up for adapter tests: an Octokit for a fake user, without backoff waits. */
import { type GiteaClient, giteaClient } from "../../src/gitea/client.js";
import { createGiteaOctokit, type GiteaOctokitInstance } from "../../src/gitea/create-octokit.js";
import { createGiteaForge } from "../../src/gitea/gitea-forge.js";
import { LabelResolver } from "../../src/gitea/label-resolver.js";
import type { Forge } from "../../src/port/forge.js";
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

/** The adapter behind the port for `repo` on the fake, as the bot user `deferbot`. */
export function forgeFor(fake: GiteaFake, repo = "acme/widgets"): Forge {
  return createGiteaForge({
    octokit: octokitFor(fake),
    fullName: repo,
    botLogin: "deferbot",
    labels: new LabelResolver(),
  });
}
