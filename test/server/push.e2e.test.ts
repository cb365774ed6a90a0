/** Push deliveries end to end: the real server on loopback, the Gitea fake, signed deliveries. */
import { afterEach, describe, expect, it } from "vitest";
import { useGiteaFake } from "../support/gitea-fake/vitest.js";
import { findingSpec, renderRegister } from "../support/register.js";
import { type BotServer, DOC, REPO, SECRET, startBot, TOKEN } from "./harness.js";
import { hasSharedPayload, pushPayload, sharedPayload } from "./payloads.js";

const gitea = useGiteaFake();
let bot: BotServer | undefined;

afterEach(async () => {
  await bot?.server.close();
  bot = undefined;
});

const marker = (id: string) => `<!-- deferbot:finding id=${id} -->`;

function issuesFor(id: string) {
  return gitea.fake.repo(REPO).issues.filter((issue) => issue.body.includes(marker(id)));
}

function expectOneOpenIssueEach(ids: string[]) {
  for (const id of ids) {
    const issues = issuesFor(id);
    expect(issues, id).toHaveLength(1);
    expect(issues[0]?.state).toBe("open");
    expect(issues[0]?.title.startsWith(`${id}: `)).toBe(true);
  }
  // Besides the register's dashboard (SPEC §8, on by default).
  expect(
    gitea.fake.repo(REPO).issues.filter((issue) => !issue.pull && issue.title.startsWith("TD-")),
  ).toHaveLength(ids.length);
}

const register = (count: number) =>
  renderRegister(Array.from({ length: count }, (_, i) => findingSpec(i + 1)));

describe("push to the default branch", () => {
  it("syncs the register: one issue per finding, and a success status on the pushed commit", async () => {
    bot = await startBot(gitea.fake);
    const sha = gitea.fake.setFile(REPO, DOC, register(3));
    const answer = await bot.send(
      "push",
      pushPayload({ after: sha, commits: [{ id: sha, modified: [DOC] }] }),
    );
    expect(answer.status).toBe(200);
    await bot.server.whenIdle();

    expectOneOpenIssueEach(["TD-001", "TD-002", "TD-003"]);
    const statuses = gitea.fake.repo(REPO).statuses.filter((status) => status.sha === sha);
    expect(statuses.map((status) => status.state)).toEqual(["success"]);
    const synced = bot.logs.records().filter((record) => record.msg === "sync finished");
    expect(synced).toHaveLength(1);
    expect(synced[0]).toMatchObject({ repo: REPO, sha, state: "success" });
    expect(typeof synced[0]?.durationMs).toBe("number");
    expect(bot.logs.outcomesOf(answer.id)).toMatchObject([
      { event: "push", repo: REPO, outcome: "queued" },
    ]);
  });

  it.skipIf(!hasSharedPayload("push.json"))(
    "syncs from Gitea's own push payload (../shared/gitea/payloads/push.json), retargeted",
    async () => {
      const sha = gitea.fake.setFile(REPO, DOC, register(2));
      const payload = sharedPayload("push.json", { after: sha });
      bot = await startBot(gitea.fake);
      const answer = await bot.send("push", payload);
      expect(answer.status).toBe(200);
      await bot.server.whenIdle();
      expectOneOpenIssueEach(["TD-001", "TD-002"]);
    },
  );

  it("answers the delivery before making any Gitea request, even when Gitea is slow", async () => {
    bot = await startBot(gitea.fake);
    const sha = gitea.fake.setFile(REPO, DOC, register(1));
    const before = gitea.fake.requests.length;
    gitea.fake.setLatency(2000);

    const answer = await bot.send(
      "push",
      pushPayload({ after: sha, commits: [{ id: sha, modified: [DOC] }] }),
    );
    const requestsWhenAnswered = gitea.fake.requests.length - before;
    gitea.fake.setLatency(0);

    expect(answer.status).toBe(200);
    expect(requestsWhenAnswered).toBe(0);
    await bot.server.whenIdle();
    expect(gitea.fake.requests.length - before).toBeGreaterThan(0);
    expectOneOpenIssueEach(["TD-001"]);
  });

  it("syncs when Gitea listed fewer commits than were pushed, even if none listed touches the register", async () => {
    bot = await startBot(gitea.fake);
    gitea.fake.setFile(REPO, DOC, register(2));
    const sha = gitea.fake.setFile(REPO, "src/app.ts", "export {};\n");
    const commits = [1, 2, 3, 4, 5].map((n) => ({
      id: `${n}`.repeat(40),
      modified: ["src/app.ts"],
    }));
    commits[0] = { id: sha, modified: ["src/app.ts"] };
    await bot.send("push", pushPayload({ after: sha, commits, totalCommits: 7 }));
    await bot.server.whenIdle();
    expectOneOpenIssueEach(["TD-001", "TD-002"]);
  });

  it("does not sync when every commit is listed and none touches the register or the config", async () => {
    bot = await startBot(gitea.fake);
    gitea.fake.setFile(REPO, DOC, register(2));
    const sha = gitea.fake.setFile(REPO, "src/app.ts", "export {};\n");
    const before = gitea.fake.requests.length;
    const answer = await bot.send(
      "push",
      pushPayload({ after: sha, commits: [{ id: sha, modified: ["src/app.ts"] }] }),
    );
    expect(answer.status).toBe(200);
    await bot.server.whenIdle();
    expect(gitea.fake.repo(REPO).issues).toEqual([]);
    expect(gitea.fake.writes()).toEqual([]);
    // Only the repository (once per process) and its configuration were read, to learn the
    // document's path.
    const paths = gitea.fake.requests.slice(before).map((request) => request.path);
    expect(paths.every((path) => /deferbot\.yml/.test(path) || path === `/repos/${REPO}`)).toBe(
      true,
    );
    expect(
      bot.logs.records().some((r) => r.msg === "push needs no sync (document not touched)"),
    ).toBe(true);
  });

  it("re-reads the configuration when a push changes it, and syncs the document it names", async () => {
    bot = await startBot(gitea.fake);
    // A first push caches the default configuration.
    const first = gitea.fake.setFile(REPO, "src/app.ts", "export {};\n");
    await bot.send(
      "push",
      pushPayload({ after: first, commits: [{ id: first, modified: ["src/app.ts"] }] }),
    );
    await bot.server.whenIdle();
    expect(gitea.fake.repo(REPO).issues).toEqual([]);

    gitea.fake.setFile(REPO, "docs/other.md", register(2));
    const sha = gitea.fake.setFile(REPO, ".gitea/deferbot.yml", "document: docs/other.md\n");
    await bot.send(
      "push",
      pushPayload({ after: sha, commits: [{ id: sha, added: [".gitea/deferbot.yml"] }] }),
    );
    await bot.server.whenIdle();
    expectOneOpenIssueEach(["TD-001", "TD-002"]);
  });

  it("never writes the token or the secret to the log, whatever happens", async () => {
    bot = await startBot(gitea.fake, { settings: { logLevel: "trace" } });
    const sha = gitea.fake.setFile(REPO, DOC, register(2));
    // A failing Gitea call (its error is logged), a rejected delivery, and a good one.
    gitea.fake.failNext({ method: "POST", route: "POST /repos/{owner}/{repo}/issues" }, 500);
    await bot.send("push", pushPayload({ after: sha, commits: [{ id: sha, modified: [DOC] }] }), {
      secret: "wrong-secret",
    });
    await bot.send("push", pushPayload({ after: sha, commits: [{ id: sha, modified: [DOC] }] }));
    await bot.server.whenIdle();
    // A network failure on every try of the document read: the sync fails with the request in its error.
    gitea.fake.failNext({ method: "GET", path: `/repos/${REPO}/raw/${DOC}` }, "network", 4);
    await bot.send("push", pushPayload({ after: sha, commits: [{ id: sha, modified: [DOC] }] }));
    await bot.server.whenIdle();

    const text = bot.logs.text();
    expect(bot.logs.lines.length).toBeGreaterThan(5);
    expect(text).toContain("sync failed");
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(SECRET);
  });
});
