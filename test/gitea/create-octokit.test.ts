import { ProbotOctokit } from "probot";
import { describe, expect, test } from "vitest";
import { createComment } from "../../src/gitea/comments.js";
import { GiteaOctokit, giteaOctokitOverrides } from "../../src/gitea/probot-octokit.js";
import { getAuthenticatedUser } from "../../src/gitea/users.js";
import { useGiteaFake } from "../support/gitea-fake/vitest.js";
import { clientFor, octokitFor, quietLog } from "./helpers.js";

interface PluginOptions {
  throttle?: { enabled?: boolean };
  retry?: { enabled?: boolean };
}

/** The options every plugin (throttling, retry, ours) receives when an instance is built. */
function optionsSeenByPlugins(
  Octokit: typeof ProbotOctokit,
  instanceOptions: object,
): PluginOptions {
  let seen: PluginOptions = {};
  const Spy = Octokit.plugin((_octokit, options) => {
    seen = options as PluginOptions;
  });
  new Spy({ auth: { token: "t" }, log: quietLog, ...instanceOptions });
  return seen;
}

describe("GiteaOctokit configuration", () => {
  test("throttling and Probot's retry are off, even when Probot passes its own throttle options", () => {
    // Probot's constructor passes `throttle: {id, …}` per instance; the function form still wins.
    const seen = optionsSeenByPlugins(GiteaOctokit, { throttle: { id: "probot-instance" } });
    expect(seen.throttle?.enabled).toBe(false);
    expect(seen.retry?.enabled).toBe(false);
  });

  test("the object form would have left throttling on (why the function form is used)", () => {
    const ObjectForm = ProbotOctokit.defaults({ throttle: { enabled: false } });
    const seen = optionsSeenByPlugins(ObjectForm, { throttle: { id: "probot-instance" } });
    expect(seen.throttle?.enabled).toBe(true);
  });

  test("giteaOctokitOverrides keeps the caller's other options", () => {
    expect(
      giteaOctokitOverrides({ baseUrl: "https://x/api/v1", throttle: { enabled: true } }),
    ).toEqual({
      baseUrl: "https://x/api/v1",
      throttle: { enabled: false },
      retry: { enabled: false },
    });
  });
});

describe("createGiteaOctokit against the fake", () => {
  const gitea = useGiteaFake();

  test("authenticates with the token as the fake's user", async () => {
    expect((await getAuthenticatedUser(octokitFor(gitea.fake))).login).toBe("deferbot");
    expect((await getAuthenticatedUser(octokitFor(gitea.fake, "alice-token"))).login).toBe("alice");
  });

  test("writes are not paced: three comment POSTs are served at the same time", async () => {
    const fake = gitea.fake;
    const issue = fake.addIssue("acme/widgets", { title: "t", author: "deferbot" });
    fake.setLatency(150);
    const client = clientFor(fake);
    await Promise.all([1, 2, 3].map((n) => createComment(client, issue.number, `c${n}`)));
    // plugin-throttling would run them one at a time (write group: maxConcurrent 1).
    expect(fake.peakInFlight()).toBe(3);
    expect(fake.count({ method: "POST" })).toBe(3);
  });
});
