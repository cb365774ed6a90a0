import { describe, expect, test } from "vitest";
import { createComment } from "../../src/gitea/comments.js";
import { createGiteaOctokit } from "../../src/gitea/create-octokit.js";
import { GiteaError } from "../../src/gitea/errors.js";
import { getIssue, updateIssue } from "../../src/gitea/issues.js";
import { DEFAULT_RETRY_DELAYS_MS } from "../../src/gitea/retry-plugin.js";
import { getAuthenticatedUser } from "../../src/gitea/users.js";
import { useGiteaFake } from "../support/gitea-fake/vitest.js";
import { clientFor, octokitFor, quietLog } from "./helpers.js";

const gitea = useGiteaFake();

async function failure(promise: Promise<unknown>): Promise<GiteaError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GiteaError);
  return error as GiteaError;
}

describe("retries (SPEC §3.4 Calls)", () => {
  test("default backoff is short", () => {
    expect(DEFAULT_RETRY_DELAYS_MS).toEqual([100, 300, 900]);
  });

  test("a GET failing with 502 once is retried and succeeds", async () => {
    const fake = gitea.fake;
    fake.failNext({ method: "GET", path: "/user" }, 502);
    expect((await getAuthenticatedUser(octokitFor(fake))).login).toBe("deferbot");
    expect(fake.requests.map((r) => r.status)).toEqual([502, 200]);
  });

  test("a GET whose connection drops is retried", async () => {
    const fake = gitea.fake;
    fake.failNext({ path: "/user" }, "network");
    expect((await getAuthenticatedUser(octokitFor(fake))).login).toBe("deferbot");
    expect(fake.count({ path: "/user" })).toBe(2);
  });

  test("a GET gives up after three retries with the last status", async () => {
    const fake = gitea.fake;
    fake.failNext({ path: "/user" }, 503, 4);
    const error = await failure(getAuthenticatedUser(octokitFor(fake)));
    expect(error.status).toBe(503);
    expect(fake.count({ path: "/user" })).toBe(4);
  });

  test.each([500, "network"] as const)(
    "a PATCH failing with %s is not resent: its answer may be lost after Gitea applied it",
    async (failure_) => {
      const fake = gitea.fake;
      const issue = fake.addIssue("acme/widgets", { title: "t", author: "deferbot" });
      fake.failNext({ method: "PATCH" }, failure_);
      const error = await failure(updateIssue(clientFor(fake), issue.number, { state: "closed" }));
      expect(error.status).toBe(failure_ === 500 ? 500 : 0);
      expect(fake.count({ method: "PATCH" })).toBe(1);
    },
  );

  test("a POST failing with 502 is not retried: exactly one request", async () => {
    const fake = gitea.fake;
    const issue = fake.addIssue("acme/widgets", { title: "t", author: "deferbot" });
    fake.failNext({ method: "POST" }, 502);
    const error = await failure(createComment(clientFor(fake), issue.number, "hi"));
    expect(error.status).toBe(502);
    expect(fake.count({ method: "POST" })).toBe(1);
    expect(fake.repo("acme/widgets").comments).toEqual([]);
  });

  test("a POST whose connection drops is not retried", async () => {
    const fake = gitea.fake;
    const issue = fake.addIssue("acme/widgets", { title: "t", author: "deferbot" });
    fake.failNext({ method: "POST" }, "network");
    const error = await failure(createComment(clientFor(fake), issue.number, "hi"));
    expect(error.status).toBe(0);
    expect(fake.count({ method: "POST" })).toBe(1);
  });

  test.each([404, 409, 422])("a GET answered %i is not retried", async (status) => {
    const fake = gitea.fake;
    fake.failNext({ method: "GET" }, status);
    const error = await failure(getIssue(clientFor(fake), 1));
    expect(error.status).toBe(status);
    expect(fake.requests).toHaveLength(1);
  });
});

describe("request deadline", () => {
  test("a Gitea that does not answer in time is a network failure, retried for a GET", async () => {
    const fake = gitea.fake;
    fake.setLatency(400);
    const octokit = createGiteaOctokit({
      token: "deferbot-token",
      apiBaseUrl: fake.apiUrl,
      retryDelaysMs: [0],
      timeoutMs: 50,
      log: quietLog,
    });
    const error = await failure(getAuthenticatedUser(octokit));
    expect(error.status).toBe(0);
    expect(error.message).toMatch(/GET \/user failed: no answer/);
    expect(fake.count({ path: "/user" })).toBe(2);
  });
});
