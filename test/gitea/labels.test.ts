import { describe, expect, test } from "vitest";
import { giteaClient } from "../../src/gitea/client.js";
import { createGiteaOctokit } from "../../src/gitea/create-octokit.js";
import { LabelResolver } from "../../src/gitea/label-resolver.js";
import { addIssueLabels, listRepoLabels, replaceIssueLabels } from "../../src/gitea/labels.js";
import { useGiteaFake } from "../support/gitea-fake/vitest.js";
import { clientFor, quietLog } from "./helpers.js";

const gitea = useGiteaFake();
const LIST = "GET /repos/{owner}/{repo}/labels";
const CREATE = "POST /repos/{owner}/{repo}/labels";

describe("listRepoLabels", () => {
  test("pages without a Link header until a short page", async () => {
    const fake = gitea.fake;
    for (let i = 0; i < 120; i++)
      fake.addLabel("acme/widgets", { name: `l${String(i).padStart(3, "0")}` });
    const labels = await listRepoLabels(clientFor(fake));
    expect(labels.map((label) => label.name)).toEqual(
      Array.from({ length: 120 }, (_, i) => `l${String(i).padStart(3, "0")}`),
    );
    expect(fake.requestsMatching({ route: LIST }).map((r) => r.query.page)).toEqual([
      "1",
      "2",
      "3",
    ]);
  });
});

describe("LabelResolver", () => {
  test("creates missing labels once, scoped ones exclusive, and reuses existing ones", async () => {
    const fake = gitea.fake;
    const existing = fake.addLabel("acme/widgets", { name: "deferred-error" });
    const resolver = new LabelResolver();
    const client = clientFor(fake);
    const names = ["deferred-error", "risk/high", "category/io"];
    const [first, second] = await Promise.all([
      resolver.resolve(client, names),
      resolver.resolve(client, names),
    ]);
    expect(first).toEqual(second);
    expect(first?.[0]).toBe(existing.id);
    expect(fake.count({ route: LIST })).toBe(1);
    expect(fake.requestsMatching({ route: CREATE }).map((r) => r.body)).toEqual([
      { name: "risk/high", color: "d93f0b", exclusive: true },
      { name: "category/io", color: "1d76db", exclusive: true },
    ]);
    // Cached: resolving again sends nothing.
    fake.resetRequests();
    expect(await resolver.resolve(client, ["risk/high", "deferred-error"])).toEqual([
      first?.[1],
      existing.id,
    ]);
    expect(fake.requests).toEqual([]);
    expect(fake.repo("acme/widgets").labels).toHaveLength(3);
  });

  test.each([502, "drop", "hang"] as const)(
    "a create whose answer was lost (%s) is followed by a fresh listing, not a second create (issue 12 case 5)",
    async (answer) => {
      const fake = gitea.fake;
      fake.faultNext({ route: CREATE }, { timing: "after", answer });
      const resolver = new LabelResolver();
      const octokit = createGiteaOctokit({
        token: "deferbot-token",
        apiBaseUrl: fake.apiUrl,
        retryDelaysMs: [0],
        timeoutMs: 300,
        log: quietLog,
      });
      const client = giteaClient(octokit, "acme", "widgets");
      const settle = (p: Promise<unknown>) =>
        p.then(
          () => "ok",
          () => "failed",
        );
      await settle(resolver.resolve(client, ["risk/high"]));
      const ids = await resolver.resolve(client, ["risk/high"]);
      const named = fake.repo("acme/widgets").labels.filter((l) => l.name === "risk/high");
      expect(named).toHaveLength(1);
      expect(ids).toEqual([named[0]?.id]);
      expect(fake.count({ route: CREATE })).toBe(1);
      expect(fake.count({ route: LIST })).toBe(2);
    },
  );

  test("with duplicate names in the repository, picks the oldest and creates none", async () => {
    const fake = gitea.fake;
    const older = fake.addLabel("acme/widgets", { name: "risk/low" });
    fake.addLabel("acme/widgets", { name: "risk/low" });
    const ids = await new LabelResolver().resolve(clientFor(fake), ["risk/low"]);
    expect(ids).toEqual([older.id]);
    expect(fake.count({ route: CREATE })).toBe(0);
  });

  test("a name differing only in case is reused, not twinned", async () => {
    const fake = gitea.fake;
    const label = fake.addLabel("acme/widgets", { name: "Risk/High" });
    expect(await new LabelResolver().resolve(clientFor(fake), ["risk/high"])).toEqual([label.id]);
    expect(fake.count({ route: CREATE })).toBe(0);
  });

  test("caches per repository", async () => {
    const fake = gitea.fake;
    fake.addRepo({ owner: "acme", name: "other", collaborators: { deferbot: "write" } });
    const resolver = new LabelResolver();
    await resolver.resolve(clientFor(fake), ["bug"]);
    await resolver.resolve(clientFor(fake, "acme/other"), ["bug"]);
    expect(fake.repo("acme/widgets").labels.map((l) => l.name)).toEqual(["bug"]);
    expect(fake.repo("acme/other").labels.map((l) => l.name)).toEqual(["bug"]);
    expect(fake.count({ route: LIST })).toBe(2);
  });
});

describe("issue labels by ID", () => {
  test("add and replace", async () => {
    const fake = gitea.fake;
    const a = fake.addLabel("acme/widgets", { name: "a" });
    const b = fake.addLabel("acme/widgets", { name: "b" });
    const issue = fake.addIssue("acme/widgets", { title: "t", author: "deferbot" });
    const client = clientFor(fake);
    expect((await addIssueLabels(client, issue.number, [a.id])).map((l) => l.name)).toEqual(["a"]);
    expect((await replaceIssueLabels(client, issue.number, [b.id])).map((l) => l.name)).toEqual([
      "b",
    ]);
    expect(fake.issue("acme/widgets", issue.number).labelIds).toEqual([b.id]);
  });
});
