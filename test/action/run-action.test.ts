/** `deferbot action` on event files, against the Gitea fake, as a Gitea Actions job runs it. */
import { describe, expect, it } from "vitest";
import { useGiteaFake } from "../support/gitea-fake/vitest.js";
import { findingSpec, renderRegister } from "../support/register.js";
import { BOT, DOC, harness, REPO } from "../support/sync-harness.js";
import {
  actionsEnv,
  actionsIssueEditedPayload,
  actionsPushPayload,
  issueCommentPayload,
  runEvent,
  runWithEnv,
  writeEvent,
} from "./helpers.js";

const gitea = useGiteaFake();

const marker = (id: string) => `<!-- deferbot:finding id=${id} -->`;
const register = (count: number) =>
  renderRegister(Array.from({ length: count }, (_, i) => findingSpec(i + 1)));

function trackingIssues() {
  return gitea.fake
    .repo(REPO)
    .issues.filter(
      (issue) => !issue.pull && issue.author === BOT && issue.body.includes("deferbot:finding"),
    );
}

function expectOneOpenIssueEach(ids: string[]) {
  for (const id of ids) {
    const issues = trackingIssues().filter((issue) => issue.body.includes(marker(id)));
    expect(issues, id).toHaveLength(1);
    expect(issues[0]?.state, id).toBe("open");
    expect(issues[0]?.title.startsWith(`${id}: `), id).toBe(true);
  }
  expect(trackingIssues()).toHaveLength(ids.length);
}

function repliesOn(number: number) {
  return gitea.fake
    .repo(REPO)
    .comments.filter((comment) => comment.issueNumber === number && comment.author === BOT);
}

describe("deferbot action: push", () => {
  it("a push to the default branch touching the document syncs it: one issue per finding, exit 0", async () => {
    const sha = gitea.fake.setFile(REPO, DOC, register(3));
    const run = await runEvent(
      gitea.fake,
      "push",
      actionsPushPayload({ after: sha, commits: [{ id: sha, modified: [DOC] }] }),
    );

    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expectOneOpenIssueEach(["TD-001", "TD-002", "TD-003"]);
    const statuses = gitea.fake.repo(REPO).statuses.filter((status) => status.sha === sha);
    expect(statuses.map((status) => status.state)).toEqual(["success"]);
    expect(run.stdout).toContain(`deferbot action: push on ${REPO}: queued`);
    expect(run.stdout).toContain(`sync ${REPO} at ${sha.slice(0, 12)}: success: 3 created`);
    expect(run.stdout).toContain("exit 0");
  });

  it("a second run on the same document writes nothing new (the issues are the bot user's)", async () => {
    const sha = gitea.fake.setFile(REPO, DOC, register(2));
    const payload = actionsPushPayload({ after: sha, commits: [{ id: sha, modified: [DOC] }] });
    expect((await runEvent(gitea.fake, "push", payload)).code).toBe(0);
    gitea.fake.resetRequests();

    const again = await runEvent(gitea.fake, "push", payload);
    expect(again.code).toBe(0);
    expectOneOpenIssueEach(["TD-001", "TD-002"]);
    expect(gitea.fake.count({ method: "POST", route: "POST /repos/{owner}/{repo}/issues" })).toBe(
      0,
    );
    expect(again.stdout).toContain("0 created, 0 updated, 0 closed, 2 unchanged");
  });

  it("syncs when the document changed in a commit the Actions payload does not list (it has no total_commits)", async () => {
    const docSha = gitea.fake.setFile(REPO, DOC, register(2));
    const later = Array.from({ length: 5 }, (_, i) =>
      gitea.fake.setFile(REPO, `src/file-${i}.ts`, `export const n = ${i};\n`),
    );
    const head = later.at(-1) ?? docSha;
    // Newest first and cut to 5, as Gitea lists them; the document's commit is the 6th.
    const commits = [...later].reverse().map((id, i) => ({ id, added: [`src/file-${4 - i}.ts`] }));
    const run = await runEvent(gitea.fake, "push", actionsPushPayload({ after: head, commits }));

    expect(run.code).toBe(0);
    expectOneOpenIssueEach(["TD-001", "TD-002"]);
  });

  it("a push to another branch does nothing: exit 0, no Gitea write", async () => {
    const sha = gitea.fake.setFile(REPO, DOC, register(2));
    const run = await runEvent(
      gitea.fake,
      "push",
      actionsPushPayload({
        after: sha,
        ref: "refs/heads/feature",
        commits: [{ id: sha, modified: [DOC] }],
      }),
    );

    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    expect(gitea.fake.writes()).toEqual([]);
    expect(trackingIssues()).toEqual([]);
    expect(run.stdout).toContain(
      "push on acme/widgets: ignored (not the default branch (refs/heads/feature, default refs/heads/main))",
    );
  });

  it("exit 1 with the status line when the document has an error (the sync still ran)", async () => {
    const text = `${register(1)}\n${register(1)}`;
    const sha = gitea.fake.setFile(REPO, DOC, text);
    const run = await runEvent(
      gitea.fake,
      "push",
      actionsPushPayload({ after: sha, commits: [{ id: sha, modified: [DOC] }] }),
    );

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^deferbot action: acme\/widgets: docs\/deferred-errors\.md:\d+: .*\n$/,
    );
    const statuses = gitea.fake.repo(REPO).statuses.filter((status) => status.sha === sha);
    expect(statuses.map((status) => status.state)).toEqual(["failure"]);
  });

  it("exit 3 when Gitea fails during the sync", async () => {
    const sha = gitea.fake.setFile(REPO, DOC, register(1));
    gitea.fake.failNext({ method: "GET", route: "GET /repos/{owner}/{repo}/issues" }, 500, 10);
    const run = await runEvent(
      gitea.fake,
      "push",
      actionsPushPayload({ after: sha, commits: [{ id: sha, modified: [DOC] }] }),
    );

    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(
      /^deferbot action: sync failed: GET \/repos\/acme\/widgets\/issues answered 500 [^\n]*: Gitea failed; safe to retry\n$/,
    );
    expect(trackingIssues()).toEqual([]);
  });
});

describe("deferbot action: schedule and workflow_dispatch", () => {
  // Gitea hands a scheduled run the payload stored when the schedule was registered: here an
  // old push of another commit, naming another repository, which must not be read.
  const stalePayload = actionsPushPayload({
    after: "0".repeat(40),
    commits: [{ id: "0".repeat(40), modified: [DOC] }],
  });

  it("schedule: a full sync of GITHUB_REPOSITORY's default branch head, not the stored payload", async () => {
    gitea.fake.setFile(REPO, DOC, register(1));
    const head = gitea.fake.setFile(REPO, DOC, register(2));
    const run = await runEvent(gitea.fake, "schedule", {
      ...stalePayload,
      repository: { full_name: "someone/else", name: "else", owner: { login: "someone" } },
    });

    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expectOneOpenIssueEach(["TD-001", "TD-002"]);
    const statuses = gitea.fake.repo(REPO).statuses.filter((status) => status.sha === head);
    expect(statuses.map((status) => status.state)).toEqual(["success"]);
    expect(run.stdout).toContain(`deferbot action: schedule on ${REPO}: full sync`);
  });

  it("workflow_dispatch: the same full sync; an unreadable payload file does not matter", async () => {
    gitea.fake.setFile(REPO, DOC, register(1));
    const run = await runWithEnv(
      actionsEnv(gitea.fake, "workflow_dispatch", "/nonexistent/event.json"),
    );

    expect(run.code).toBe(0);
    expectOneOpenIssueEach(["TD-001"]);
  });

  it("schedule without GITHUB_REPOSITORY: exit 2, no request", async () => {
    const run = await runEvent(gitea.fake, "schedule", stalePayload, {
      GITHUB_REPOSITORY: undefined,
    });

    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^deferbot action: GITHUB_REPOSITORY is not set/);
    expect(gitea.fake.requests).toEqual([]);
  });
});

describe("deferbot action: issue comments and edits", () => {
  it("`/deferbot sync` from a writer syncs and replies on the issue", async () => {
    gitea.fake.repo(REPO).collaborators.set("alice", "write");
    gitea.fake.setFile(REPO, DOC, register(2));
    const issue = gitea.fake.addIssue(REPO, { title: "Please sync", author: "alice" });
    const comment = gitea.fake.addComment(REPO, issue.number, {
      author: "alice",
      body: "/deferbot sync",
    });
    const run = await runEvent(
      gitea.fake,
      "issue_comment",
      issueCommentPayload({ body: comment.body, number: issue.number, commentId: comment.id }),
    );

    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expectOneOpenIssueEach(["TD-001", "TD-002"]);
    const replies = repliesOn(issue.number);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.body).toMatch(/^Synced .*2 created/);
    expect(run.stdout).toContain(`commands on #${issue.number}: sync (ok)`);
  });

  it("the bot's own reply triggers a run that ends at once: exit 0, no Gitea write", async () => {
    const issue = gitea.fake.addIssue(REPO, { title: "A question", author: "alice" });
    const run = await runEvent(
      gitea.fake,
      "issue_comment",
      issueCommentPayload({ body: "Synced …\n/deferbot help", number: issue.number, sender: BOT }),
    );

    expect(run.code).toBe(0);
    expect(gitea.fake.writes()).toEqual([]);
    expect(run.stdout).toContain("ignored (sent by the bot itself (deferbot))");
  });

  it("an `issues` edited event without `changes` (as Actions writes it) runs the review flow", async () => {
    const h = harness(gitea.fake);
    h.commit(register(1));
    await h.sync();
    const [tracked] = h.issuesFor("TD-001");
    if (!tracked) throw new Error("no tracking issue");
    tracked.body = tracked.body.replaceAll("- [ ] ", "- [x] ");
    gitea.fake.resetRequests();

    const run = await runEvent(
      gitea.fake,
      "issues",
      actionsIssueEditedPayload({ number: tracked.number, body: tracked.body }),
    );

    expect(run.code).toBe(0);
    const replies = repliesOn(tracked.number);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.body).toContain("/deferbot resolve");
    expect(run.stdout).toContain(`suggested resolve on #${tracked.number}`);
  });
});

describe("deferbot action: the token", () => {
  it("refuses the job's automatic token (user gitea-actions): one line, exit 2, nothing written", async () => {
    gitea.fake.addUser({ login: "gitea-actions", token: "automatic-job-token" });
    const sha = gitea.fake.setFile(REPO, DOC, register(1));
    const run = await runEvent(
      gitea.fake,
      "push",
      actionsPushPayload({ after: sha, commits: [{ id: sha, modified: [DOC] }] }),
      { DEFERBOT_TOKEN: undefined, GITEA_TOKEN: "automatic-job-token" },
    );

    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr.split("\n").filter(Boolean)).toHaveLength(1);
    expect(run.stderr).toMatch(
      /^deferbot action: GITEA_TOKEN is the job's automatic token \(user gitea-actions\).*DEFERBOT_TOKEN\n$/,
    );
    expect(gitea.fake.writes()).toEqual([]);
  });

  it("prefers DEFERBOT_TOKEN over a GITEA_TOKEN the runner put in the environment", async () => {
    gitea.fake.addUser({ login: "gitea-actions", token: "automatic-job-token" });
    const sha = gitea.fake.setFile(REPO, DOC, register(1));
    const run = await runEvent(
      gitea.fake,
      "push",
      actionsPushPayload({ after: sha, commits: [{ id: sha, modified: [DOC] }] }),
      { GITEA_TOKEN: "automatic-job-token" },
    );

    expect(run.code).toBe(0);
    expectOneOpenIssueEach(["TD-001"]);
  });

  it("a refused token is named by the variable it came from: exit 2", async () => {
    const run = await runEvent(gitea.fake, "push", actionsPushPayload({ after: "a".repeat(40) }), {
      DEFERBOT_TOKEN: "not-a-token",
    });

    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^deferbot action: DEFERBOT_TOKEN was refused by http:\/\/127\.0\.0\.1:\d+ \(401\)/,
    );
    expect(run.stderr).not.toContain("not-a-token");
  });

  it("GITEA_URL overrides the runner's GITHUB_SERVER_URL", async () => {
    const run = await runEvent(gitea.fake, "push", actionsPushPayload({ after: "a".repeat(40) }), {
      GITHUB_SERVER_URL: "http://127.0.0.1:9/unreachable",
      GITEA_URL: gitea.fake.url,
      GITEA_TOKEN: "deferbot-token",
      DEFERBOT_TOKEN: undefined,
      LOG_LEVEL: "info",
    });

    expect(run.code).toBe(0);
    expect(run.stderr).toContain('"msg":"GITEA_TOKEN accepted"');
  });
});

describe("deferbot action: the event", () => {
  it("missing GITHUB_EVENT_PATH and GITHUB_EVENT_NAME: one line each, exit 2, no Gitea call", async () => {
    const env = actionsEnv(gitea.fake, "push", "unused", {
      GITHUB_EVENT_PATH: undefined,
      GITHUB_EVENT_NAME: "",
    });
    const run = await runWithEnv(env);

    expect(run.code).toBe(2);
    expect(run.stderr.split("\n").filter(Boolean)).toEqual([
      "deferbot action: GITHUB_EVENT_NAME is not set: deferbot action runs as a step of a Gitea Actions job, whose runner sets it",
      "deferbot action: GITHUB_EVENT_PATH is not set: deferbot action runs as a step of a Gitea Actions job, whose runner sets it",
    ]);
    expect(gitea.fake.requests).toEqual([]);
  });

  it("no token and no server URL: one line each naming the variables to set, exit 2", async () => {
    const run = await runWithEnv(
      actionsEnv(gitea.fake, "push", writeEvent({}), {
        DEFERBOT_TOKEN: undefined,
        GITHUB_SERVER_URL: undefined,
      }),
    );

    expect(run.code).toBe(2);
    const lines = run.stderr.split("\n").filter(Boolean);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^deferbot action: GITEA_URL or GITHUB_SERVER_URL must be set/);
    expect(lines[1]).toMatch(
      /^deferbot action: DEFERBOT_TOKEN must be set to the bot user's token/,
    );
  });

  it("an event file that cannot be read: one line with the reason, exit 2", async () => {
    const missing = `${writeEvent({})}.gone`;
    const run = await runWithEnv(actionsEnv(gitea.fake, "push", missing));

    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `deferbot action: cannot read the event file GITHUB_EVENT_PATH=${missing} (ENOENT)\n`,
    );
    expect(gitea.fake.requests).toEqual([]);
  });

  it("an event file that is not JSON: one line, exit 2", async () => {
    const run = await runEvent(gitea.fake, "push", "{ not json");

    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^deferbot action: the event file GITHUB_EVENT_PATH=.* is not JSON \(.*\)\n$/,
    );
  });

  it("an event deferbot does not handle: one line naming the events it handles, exit 2", async () => {
    const run = await runEvent(gitea.fake, "release", { action: "published" });

    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'deferbot action: GITHUB_EVENT_NAME is "release", an event deferbot does not handle (it handles push, issues, issue_comment, pull_request, schedule, workflow_dispatch): trigger the workflow on those only\n',
    );
    expect(gitea.fake.requests).toEqual([]);
  });

  it("a payload that is not the named event's: exit 2, nothing written", async () => {
    const run = await runEvent(gitea.fake, "issue_comment", { action: "created", sender: {} });

    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^deferbot action: the event file does not hold a issue_comment payload deferbot can read \(invalid payload: /,
    );
    expect(gitea.fake.writes()).toEqual([]);
  });
});
