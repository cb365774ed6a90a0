/**
 * Issue 12's cases on the Gitea fake with its faults: a write whose answer was lost is re-read and
 * merged, never resent; a replayed push moves nothing back; twins keep people's work; a bot
 * comment is posted once; a failed status post hides no failed write.
 */
import { describe, expect, it } from "vitest";
import { parseIssueBody } from "../../src/core/issue/parse-issue-body.js";
import { handlePush } from "../../src/service/handlers/push.js";
import { log } from "../commands/helpers.js";
import { pushPayload } from "../server/payloads.js";
import { useGiteaFake } from "../support/gitea-fake/vitest.js";
import { ranHere } from "../support/ran-here.js";
import { findingSpec, renderRegister } from "../support/register.js";
import { BOT, DOC, harness, REPO } from "../support/sync-harness.js";

const gitea = useGiteaFake();
const R = "/repos/{owner}/{repo}";
const PATCH_ISSUE = `PATCH ${R}/issues/{index}`;

function tick(body: string, stepIndex: number): string {
  let seen = -1;
  return body.replace(/^- \[ \] /gm, (match) => (++seen === stepIndex ? "- [x] " : match));
}

const ticked = (body: string, id: string) =>
  parseIssueBody(body, id).steps.map((step) => step.checked);

describe("case 1: a write whose answer was lost is re-read and merged, never resent", () => {
  it.each([502, "drop", "hang"] as const)(
    "an update applied, its answer lost (%s), a person ticks: the tick stays, the change is there",
    async (answer) => {
      const h = harness(gitea.fake, { timeoutMs: 300 });
      h.commit(renderRegister([findingSpec(1)]));
      await h.sync();
      const issue = h.issuesFor("TD-001")[0];
      if (!issue) throw new Error("no issue");
      h.commit(renderRegister([findingSpec(1, { error: "Module 1 now loses whole batches" })]));
      gitea.fake.faultNext({ route: PATCH_ISSUE }, { timing: "after", answer });
      gitea.fake.onRequest({
        when: "lost",
        route: PATCH_ISSUE,
        times: 1,
        edit: () => {
          issue.body = `${tick(issue.body, 1)}\n\nalice: blocked on the storage team.`;
        },
      });
      const result = await h.sync();
      expect(issue.body).toContain("Module 1 now loses whole batches");
      expect(ticked(issue.body, "TD-001")).toEqual([false, true, false]);
      expect(issue.body).toContain("alice: blocked on the storage team.");
      expect(result.status.state).toBe("success");
      // The lost PATCH, then nothing: the re-read found the issue in line.
      expect(gitea.fake.count({ route: PATCH_ISSUE })).toBe(1);
    },
  );

  it("a close whose comment answer was lost: the next sync closes it with no second comment (case 5)", async () => {
    const h = harness(gitea.fake);
    h.commit(renderRegister([findingSpec(1), findingSpec(2)]));
    await h.sync();
    const issue = h.issuesFor("TD-002")[0];
    if (!issue) throw new Error("no issue");
    h.commit(renderRegister([findingSpec(1)]));
    gitea.fake.faultNext(
      { route: `POST ${R}/issues/{index}/comments` },
      { timing: "after", answer: 502 },
    );
    const first = await h.sync();
    expect(first.status.state).toBe("error");
    const second = await h.sync();
    expect(second.status.state).toBe("success");
    expect(issue.state).toBe("closed");
    expect(h.commentsOn(issue.number).filter((c) => c.includes("Removed from"))).toHaveLength(1);
  });

  it("a close whose PATCH answer was lost is not resent once the re-read shows it closed", async () => {
    const h = harness(gitea.fake);
    h.commit(renderRegister([findingSpec(1), findingSpec(2)]));
    await h.sync();
    const issue = h.issuesFor("TD-002")[0];
    if (!issue) throw new Error("no issue");
    h.commit(renderRegister([findingSpec(1)]));
    gitea.fake.resetRequests();
    gitea.fake.faultNext({ route: PATCH_ISSUE }, { timing: "after", answer: "drop" });
    const result = await h.sync();
    expect(result.status.state).toBe("success");
    expect(issue.state).toBe("closed");
    expect(gitea.fake.count({ route: PATCH_ISSUE })).toBe(1);
    expect(h.commentsOn(issue.number).filter((c) => c.includes("Removed from"))).toHaveLength(1);
  });
});

describe("case 2: a replayed or late push never moves the tracker back", () => {
  it("after the head (v49) is synced, a replayed push of v10 changes nothing and posts no status on v10", async () => {
    const h = harness(gitea.fake);
    const v10 = h.commit(renderRegister([findingSpec(1), findingSpec(2), findingSpec(3)]));
    await h.sync();
    const v49 = h.commit(
      renderRegister([findingSpec(1, { title: "Renamed in v49" }), findingSpec(2), findingSpec(4)]),
    );
    await h.sync();
    const before = JSON.stringify(h.issues());
    const statusesOnV10 = gitea.fake.repo(REPO).statuses.filter((s) => s.sha === v10).length;
    gitea.fake.resetRequests();

    await handlePush(
      h.bot,
      pushPayload({ after: v10, commits: [{ id: v10, modified: [DOC] }] }) as never,
      log,
    );
    expect(JSON.stringify(h.issues())).toBe(before);
    expect(gitea.fake.repo(REPO).statuses.filter((s) => s.sha === v10)).toHaveLength(statusesOnV10);
    expect(gitea.fake.requests.filter((r) => r.method !== "GET")).toEqual([]);
    expect(h.issuesFor("TD-003")[0]?.state).toBe("closed");
    expect(h.issuesFor("TD-001")[0]?.title).toBe("TD-001: Renamed in v49");
    expect(h.bot.lastSync(REPO)?.sha).toBe(v49);
  });
});

describe("case 3: twins keep the issue people worked on, and its ticks", () => {
  it("the younger twin with people's comments is kept; the older's tick is carried over", async () => {
    const h = harness(gitea.fake);
    h.commit(renderRegister([findingSpec(1)]));
    await h.sync();
    const older = h.issuesFor("TD-001")[0];
    if (!older) throw new Error("no issue");
    const younger = gitea.fake.addIssue(REPO, {
      title: older.title,
      body: older.body,
      author: BOT,
    });
    older.body = tick(older.body, 0);
    gitea.fake.addComment(REPO, younger.number, { author: "alice", body: "Working on it." });
    gitea.fake.addComment(REPO, younger.number, { author: "alice", body: "Half done." });

    await h.sync();
    expect(older.state).toBe("closed");
    expect(younger.state).toBe("open");
    expect(ticked(younger.body, "TD-001")).toEqual([true, false, false]);
    expect(
      h.commentsOn(older.number).some((c) => c.includes(`Duplicate of #${younger.number}`)),
    ).toBe(true);
  });
});

describe("case 3: a twin is closed only once its ticks reached the kept issue", () => {
  it("the kept issue's write fails: the twin stays open, and the next sync does both", async () => {
    const h = harness(gitea.fake);
    h.commit(renderRegister([findingSpec(1)]));
    await h.sync();
    const older = h.issuesFor("TD-001")[0];
    if (!older) throw new Error("no issue");
    const younger = gitea.fake.addIssue(REPO, {
      title: older.title,
      body: older.body,
      author: BOT,
    });
    older.body = tick(older.body, 2);
    gitea.fake.addComment(REPO, younger.number, { author: "alice", body: "Mine." });
    gitea.fake.addComment(REPO, younger.number, { author: "alice", body: "Still mine." });
    gitea.fake.failNext(
      { route: PATCH_ISSUE, path: `/repos/${REPO}/issues/${younger.number}` },
      422,
    );
    const first = await h.sync();
    expect(first.status.state).toBe("error");
    expect(older.state).toBe("open");
    await h.sync();
    expect(older.state).toBe("closed");
    expect(ticked(younger.body, "TD-001")).toEqual([false, false, true]);
  });
});

describe("case 4: a marker that disagrees with its state line", () => {
  it("gets its conflict comment once, over two syncs", async () => {
    const h = harness(gitea.fake);
    h.commit(renderRegister([findingSpec(1), findingSpec(2)]));
    await h.sync();
    const issue = h.issuesFor("TD-001")[0];
    if (!issue) throw new Error("no issue");
    issue.body = issue.body.replace("deferbot:finding id=TD-001", "deferbot:finding id=TD-002");
    await h.sync();
    await h.sync();
    const conflicts = h.commentsOn(issue.number).filter((c) => c.includes("kind=conflict"));
    expect(conflicts).toHaveLength(1);
  });
});

describe("case 5: a failed status post hides no failed write", () => {
  it("reports both, and the next push sync of the same head is not skipped", async () => {
    const h = harness(gitea.fake);
    h.commit(renderRegister([findingSpec(1)]));
    await h.sync();
    h.commit(renderRegister([findingSpec(1, { title: "Renamed" })]));
    gitea.fake.failNext({ route: PATCH_ISSUE }, 422);
    gitea.fake.faultNext({ route: `POST ${R}/statuses/{sha}` }, { timing: "before", answer: 503 });
    const result = await h.sync();
    expect(result.failures).toHaveLength(2);
    expect(result.failures[0]).toMatch(/^update TD-001: .*422/);
    expect(result.failures[1]).toMatch(/^commit status: .*503/);
    expect(result.status).toMatchObject({ state: "error" });
    expect(result.status.description).toMatch(/^could not post the commit status \(Gitea POST/);
    const statuses = gitea.fake.repo(REPO).statuses.length;
    const again = ranHere(await h.bot.sync(REPO, { onlyIfNew: true }));
    expect(again.skipped).toBeUndefined();
    expect(gitea.fake.repo(REPO).statuses.length).toBe(statuses + 1);
    expect(h.issuesFor("TD-001")[0]?.title).toBe("TD-001: Renamed");
  });
});
