import { describe, expect, test } from "vitest";
import { GiteaError } from "../../src/gitea/errors.js";
import { createIssue, getIssue, listTrackedIssues, updateIssue } from "../../src/gitea/issues.js";
import { createPullRequest } from "../../src/gitea/pulls.js";
import { useGiteaFake } from "../support/gitea-fake/vitest.js";
import { clientFor } from "./helpers.js";

const gitea = useGiteaFake();
const LIST = "GET /repos/{owner}/{repo}/issues";

describe("listTrackedIssues", () => {
  test("120 bot issues with limit 50 take 3 requests, by author only, open and closed", async () => {
    const fake = gitea.fake;
    for (let i = 0; i < 120; i++) {
      fake.addIssue("acme/widgets", {
        title: `F-${i}`,
        author: "deferbot",
        state: i % 3 ? "open" : "closed",
      });
    }
    fake.addIssue("acme/widgets", { title: "by a person", author: "alice" });
    const issues = await listTrackedIssues(clientFor(fake), "deferbot");
    expect(issues).toHaveLength(120);
    expect(new Set(issues.map((issue) => issue.title)).size).toBe(120);
    expect(issues.every((issue) => issue.user.login === "deferbot")).toBe(true);
    const pages = fake.requestsMatching({ route: LIST });
    expect(pages.map((r) => r.query)).toEqual(
      [1, 2, 3].map((page) => ({
        type: "issues",
        state: "all",
        created_by: "deferbot",
        limit: "50",
        page: String(page),
      })),
    );
  });

  test("exactly 50 issues stop after one page thanks to X-Total-Count", async () => {
    const fake = gitea.fake;
    for (let i = 0; i < 50; i++)
      fake.addIssue("acme/widgets", { title: `F-${i}`, author: "deferbot" });
    expect(await listTrackedIssues(clientFor(fake), "deferbot")).toHaveLength(50);
    expect(fake.count({ route: LIST })).toBe(1);
  });

  test("pull requests and labels do not matter", async () => {
    const fake = gitea.fake;
    fake.addLabel("acme/widgets", { name: "deferred-error" });
    fake.addIssue("acme/widgets", {
      title: "labelled",
      author: "deferbot",
      labels: ["deferred-error"],
    });
    fake.addIssue("acme/widgets", { title: "label removed by a person", author: "deferbot" });
    // A pull request the bot opened (as `resolve` does) shares the issue numbers, not the list.
    fake.repo("acme/widgets").branches.set("deferbot/resolve-f-1", fake.headSha("acme/widgets"));
    fake.setFile("acme/widgets", "a.md", "change", { branch: "deferbot/resolve-f-1" });
    const client = clientFor(fake);
    const { pull } = await createPullRequest(client, {
      head: "deferbot/resolve-f-1",
      base: "main",
      title: "Resolve F-1",
      body: "",
    });
    expect(fake.issue("acme/widgets", pull.number).pull).toBeDefined();
    const listed = await listTrackedIssues(client, "deferbot");
    expect(listed.map((issue) => issue.title)).toEqual(["label removed by a person", "labelled"]);
    const [, oldest] = listed;
    expect(oldest?.labels.map((label) => label.name)).toEqual(["deferred-error"]);
  });

  test("an empty repository is one request", async () => {
    expect(await listTrackedIssues(clientFor(gitea.fake), "deferbot")).toEqual([]);
    expect(gitea.fake.requests).toHaveLength(1);
  });
});

describe("issue writes", () => {
  test("createIssue sends label IDs and returns the issue", async () => {
    const fake = gitea.fake;
    const bot = fake.addLabel("acme/widgets", { name: "deferred-error", color: "ff0000" });
    const risk = fake.addLabel("acme/widgets", { name: "risk/high", exclusive: true });
    const issue = await createIssue(clientFor(fake), {
      title: "DE-1: thing",
      body: "<!-- deferbot:finding id=DE-1 -->",
      labels: [bot.id, risk.id],
    });
    expect(issue).toMatchObject({
      number: 1,
      title: "DE-1: thing",
      state: "open",
      user: { login: "deferbot" },
    });
    expect(issue.labels.map((label) => [label.name, label.color])).toEqual([
      ["deferred-error", "ff0000"],
      ["risk/high", "ededed"],
    ]);
    expect(fake.requestsMatching({ method: "POST" })[0]?.body).toEqual({
      title: "DE-1: thing",
      body: "<!-- deferbot:finding id=DE-1 -->",
      labels: [bot.id, risk.id],
    });
  });

  test("updateIssue treats Gitea's 201 as success and returns the new issue", async () => {
    const fake = gitea.fake;
    const seeded = fake.addIssue("acme/widgets", { title: "t", body: "old", author: "deferbot" });
    const updated = await updateIssue(clientFor(fake), seeded.number, {
      body: "new",
      state: "closed",
    });
    expect(updated).toMatchObject({ body: "new", state: "closed" });
    expect(fake.requests.at(-1)?.status).toBe(201);
    expect(await getIssue(clientFor(fake), seeded.number)).toMatchObject({
      body: "new",
      state: "closed",
    });
  });

  test("errors carry status, method, path and Gitea's message", async () => {
    const error = await getIssue(clientFor(gitea.fake), 42).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GiteaError);
    expect(error).toMatchObject({
      status: 404,
      method: "GET",
      path: "/repos/acme/widgets/issues/42",
    });
    expect((error as GiteaError).message).toBe(
      "Gitea GET /repos/acme/widgets/issues/42 failed: 404 The target couldn't be found.",
    );
  });
});
