/**
 * The adapter's caches (the repository read, the label listing): a failed read is forgotten, and
 * only that one, never a read started after it.
 */
import { describe, expect, it } from "vitest";
import type { OctokitLike } from "../../src/gitea/client.js";
import { giteaClient } from "../../src/gitea/client.js";
import { createGiteaForge } from "../../src/gitea/gitea-forge.js";
import { LabelResolver } from "../../src/gitea/label-resolver.js";

interface Call {
  route: string;
  answer: (data: unknown) => void;
  fail: (error: unknown) => void;
}

/** An Octokit whose requests wait until the test answers one; those after it get that answer at once. */
function heldOctokit(): { octokit: OctokitLike; calls: Call[] } {
  const calls: Call[] = [];
  let answered: unknown;
  const response = (data: unknown) => ({ status: 200, headers: { "x-total-count": "2" }, data });
  const request = (route: string) =>
    new Promise((resolve, reject) => {
      calls.push({
        route,
        answer: (data) => {
          answered = data;
          resolve(response(data));
        },
        fail: reject,
      });
      if (answered !== undefined) resolve(response(answered));
    });
  return { octokit: { request }, calls };
}

const REPO = {
  name: "widgets",
  full_name: "acme/widgets",
  html_url: "http://gitea.test/acme/widgets",
  default_branch: "main",
  owner: { login: "acme" },
};

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe("the forge's repository read", () => {
  it("a failed read does not drop the read a caller started again at once", async () => {
    const { octokit, calls } = heldOctokit();
    const forge = createGiteaForge({
      octokit,
      fullName: "acme/widgets",
      botLogin: "deferbot",
      labels: new LabelResolver(),
    });
    const retried = forge.repo().catch(() => forge.repo());
    const other = forge.repo().catch(() => null);
    calls[0]?.fail(new Error("socket hang up"));
    await flush();
    calls[1]?.answer(REPO);
    await Promise.all([retried, other]);

    await forge.repo();
    expect(calls.map((call) => call.route)).toEqual([
      "GET /repos/{owner}/{repo}",
      "GET /repos/{owner}/{repo}",
    ]);
  });
});

describe("the label resolver", () => {
  it("a listing that fails after a forget does not drop the listing started since", async () => {
    const { octokit, calls } = heldOctokit();
    const client = giteaClient(octokit, "acme", "widgets");
    const labels = new LabelResolver();
    const labelled = (id: number, name: string) => ({ id, name, color: "c5def5" });

    const first = labels.label(client, "a").catch((error: unknown) => error);
    labels.forget(client);
    const second = labels.label(client, "b");
    await flush();
    calls[0]?.fail(new Error("socket hang up"));
    await first;
    calls[1]?.answer([labelled(1, "b"), labelled(2, "c")]);
    expect((await second).id).toBe(1);

    expect((await labels.label(client, "c")).id).toBe(2);
    expect(calls.map((call) => call.route)).toEqual([
      "GET /repos/{owner}/{repo}/labels",
      "GET /repos/{owner}/{repo}/labels",
    ]);
  });
});
