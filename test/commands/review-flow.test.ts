/** SPEC §4: the last tick by a person gets one comment suggesting resolve; never twice, never for the bot's edits. */
import { describe, expect, it } from "vitest";
import { parseIssueBody } from "../../src/core/issue/parse-issue-body.js";
import { readState } from "../../src/core/issue/state-line.js";
import { handleIssueEdited } from "../../src/service/handlers/issues-edited.js";
import { useGiteaFake } from "../support/gitea-fake/vitest.js";
import { BOT, REPO } from "../support/sync-harness.js";
import { editBody, log, synced } from "./helpers.js";

const gitea = useGiteaFake();

const tickAll = (body: string) => body.replaceAll("- [ ] ", "- [x] ");
const untickFirst = (body: string) => body.replace("- [x] ", "- [ ] ");
const tickFirst = (body: string) => body.replace("- [ ] ", "- [x] ");

function botComments(number: number) {
  return gitea.fake
    .repo(REPO)
    .comments.filter((comment) => comment.issueNumber === number && comment.author === BOT);
}

describe("all steps ticked", () => {
  it("a person's last tick: exactly one comment suggesting resolve, and the notice recorded", async () => {
    const { h, numbers } = await synced(gitea.fake);
    const number = numbers["TD-001"] ?? 0;
    const ticked = tickAll(gitea.fake.issue(REPO, number).body);
    await handleIssueEdited(h.bot, editBody(gitea.fake, number, ticked), log);

    const comments = botComments(number);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toBe(
      "<!-- deferbot:comment kind=all-ticked finding=TD-001 -->\nAll 3 steps of TD-001 are ticked. If the finding is fixed, comment `/deferbot resolve`: I will open a pull request that removes it from `docs/deferred-errors.md`, and merging it closes this issue.",
    );
    const body = gitea.fake.issue(REPO, number).body;
    expect(readState(body)?.allTickedNotice).toBe(true);
    expect(parseIssueBody(body).steps.every((step) => step.checked)).toBe(true);
    expect(body.replace(/<!-- deferbot:state [^>]*-->/, "")).toBe(
      ticked.replace(/<!-- deferbot:state [^>]*-->/, ""),
    );
  });

  it("comments first, then re-reads, then writes: a note written meanwhile is kept (issue 12)", async () => {
    const { h, numbers } = await synced(gitea.fake);
    const number = numbers["TD-001"] ?? 0;
    const ticked = tickAll(gitea.fake.issue(REPO, number).body);
    const payload = editBody(gitea.fake, number, ticked);
    // A person writes a note right after the bot's first read of the issue.
    gitea.fake.onRequest({
      when: "answered",
      method: "GET",
      path: `/repos/${REPO}/issues/${number}`,
      times: 1,
      edit: () => {
        const issue = gitea.fake.issue(REPO, number);
        issue.body = `${issue.body}\n\nNote from alice: fixed in #7.`;
      },
    });
    gitea.fake.resetRequests();
    await handleIssueEdited(h.bot, payload, log);
    const body = gitea.fake.issue(REPO, number).body;
    expect(body).toContain("Note from alice: fixed in #7.");
    expect(readState(body)?.allTickedNotice).toBe(true);
    const route = (r: { route?: string; method: string; path: string }) => r.route ?? r.path;
    // The review flow's own requests on the issue (the dashboard refresh it queues comes after).
    const onIssue = gitea.fake.requests.filter((r) =>
      new RegExp(`/issues/${number}(/|$)`).test(r.path),
    );
    expect(onIssue.map(route).slice(-3)).toEqual([
      "POST /repos/{owner}/{repo}/issues/{index}/comments",
      "GET /repos/{owner}/{repo}/issues/{index}",
      "PATCH /repos/{owner}/{repo}/issues/{index}",
    ]);
  });

  it("unticking and ticking again does not repeat it", async () => {
    const { h, numbers } = await synced(gitea.fake);
    const number = numbers["TD-001"] ?? 0;
    await handleIssueEdited(
      h.bot,
      editBody(gitea.fake, number, tickAll(gitea.fake.issue(REPO, number).body)),
      log,
    );
    const untick = editBody(gitea.fake, number, untickFirst(gitea.fake.issue(REPO, number).body));
    await handleIssueEdited(h.bot, untick, log);
    const retick = editBody(gitea.fake, number, tickAll(gitea.fake.issue(REPO, number).body));
    gitea.fake.resetRequests();
    await handleIssueEdited(h.bot, retick, log);
    expect(botComments(number)).toHaveLength(1);
    expect(gitea.fake.requests).toEqual([]);
  });

  it("the bot's own body edit (sender = bot) does nothing, not even a read", async () => {
    const { h, numbers } = await synced(gitea.fake);
    const number = numbers["TD-002"] ?? 0;
    const payload = editBody(gitea.fake, number, tickAll(gitea.fake.issue(REPO, number).body), BOT);
    gitea.fake.resetRequests();
    await handleIssueEdited(h.bot, payload, log);
    expect(gitea.fake.requests).toEqual([]);
    expect(botComments(number)).toHaveLength(0);
  });

  it("the edit the bot makes to record the notice, delivered back to it, triggers nothing", async () => {
    const { h, numbers } = await synced(gitea.fake);
    const number = numbers["TD-001"] ?? 0;
    await handleIssueEdited(
      h.bot,
      editBody(gitea.fake, number, tickAll(gitea.fake.issue(REPO, number).body)),
      log,
    );
    const echo = editBody(gitea.fake, number, gitea.fake.issue(REPO, number).body, BOT);
    gitea.fake.resetRequests();
    await handleIssueEdited(h.bot, echo, log);
    expect(gitea.fake.requests).toEqual([]);
    expect(botComments(number)).toHaveLength(1);
  });

  it("a tick that leaves steps unticked sends nothing", async () => {
    const { h, numbers } = await synced(gitea.fake);
    const number = numbers["TD-001"] ?? 0;
    const payload = editBody(gitea.fake, number, tickFirst(gitea.fake.issue(REPO, number).body));
    gitea.fake.resetRequests();
    await handleIssueEdited(h.bot, payload, log);
    expect(gitea.fake.requests).toEqual([]);
  });

  it("two deliveries at once (two quick edits) still give one comment", async () => {
    const { h, numbers } = await synced(gitea.fake);
    const number = numbers["TD-003"] ?? 0;
    const first = editBody(gitea.fake, number, tickAll(gitea.fake.issue(REPO, number).body));
    const second = editBody(
      gitea.fake,
      number,
      `${gitea.fake.issue(REPO, number).body}\n\nDone, see the PR.`,
    );
    await Promise.all([
      handleIssueEdited(h.bot, first, log),
      handleIssueEdited(h.bot, second, log),
    ]);
    expect(botComments(number)).toHaveLength(1);
    expect(gitea.fake.issue(REPO, number).body).toContain("Done, see the PR.");
  });

  it("a ticked-through issue that changed again before it was re-read is checked on the fresh body", async () => {
    const { h, numbers } = await synced(gitea.fake);
    const number = numbers["TD-002"] ?? 0;
    const payload = editBody(gitea.fake, number, tickAll(gitea.fake.issue(REPO, number).body));
    // A person unticks again before the delivery is handled.
    gitea.fake.issue(REPO, number).body = untickFirst(gitea.fake.issue(REPO, number).body);
    await handleIssueEdited(h.bot, payload, log);
    expect(botComments(number)).toHaveLength(0);
  });

  it("uses the configured command prefix", async () => {
    const { h, numbers } = await synced(gitea.fake);
    gitea.fake.setFile(REPO, ".gitea/deferbot.yml", "commandPrefix: /bot\n");
    h.bot.repo(REPO).configs.invalidate();
    const number = numbers["TD-001"] ?? 0;
    await handleIssueEdited(
      h.bot,
      editBody(gitea.fake, number, tickAll(gitea.fake.issue(REPO, number).body)),
      log,
    );
    expect(botComments(number)[0]?.body).toContain("comment `/bot resolve`");
  });
});

describe("edits that are not a person ticking a tracking issue", () => {
  it("an issue a person opened with a checklist", async () => {
    const { h } = await synced(gitea.fake);
    const issue = gitea.fake.addIssue(REPO, { title: "Todo", author: "alice", body: "- [ ] a" });
    const payload = editBody(gitea.fake, issue.number, "- [x] a");
    gitea.fake.resetRequests();
    await handleIssueEdited(h.bot, payload, log);
    expect(gitea.fake.requests).toEqual([]);
  });

  it("a closed tracking issue", async () => {
    const { h, numbers } = await synced(gitea.fake);
    const number = numbers["TD-001"] ?? 0;
    gitea.fake.issue(REPO, number).state = "closed";
    const payload = editBody(gitea.fake, number, tickAll(gitea.fake.issue(REPO, number).body));
    gitea.fake.resetRequests();
    await handleIssueEdited(h.bot, payload, log);
    expect(gitea.fake.requests).toEqual([]);
  });

  it("a title edit (no body change) and other actions", async () => {
    const { h, numbers } = await synced(gitea.fake);
    const number = numbers["TD-001"] ?? 0;
    const payload = editBody(gitea.fake, number, tickAll(gitea.fake.issue(REPO, number).body));
    gitea.fake.resetRequests();
    await handleIssueEdited(h.bot, { ...payload, changes: null }, log);
    await handleIssueEdited(h.bot, { ...payload, action: "opened" }, log);
    await handleIssueEdited(
      h.bot,
      { ...payload, changes: { body: { from: payload.issue.body } } },
      log,
    );
    expect(gitea.fake.requests).toEqual([]);
  });
});
