/** `/deferbot ignore` and `/deferbot unignore` from a writer, and what later syncs do with them. */
import { describe, expect, it } from "vitest";
import { IGNORED_LABEL } from "../../src/core/config/repo-config.js";
import { parseIssueBody } from "../../src/core/issue/parse-issue-body.js";
import { readState } from "../../src/core/issue/state-line.js";
import { handleIssueComment } from "../../src/service/handlers/issue-comment.js";
import { useGiteaFake } from "../support/gitea-fake/vitest.js";
import { findingSpec, renderRegister } from "../support/register.js";
import { BOT, REPO } from "../support/sync-harness.js";
import { commentOn, commentsAfter, log, reactionsOn, SPECS, synced } from "./helpers.js";

const gitea = useGiteaFake();

const changedTwo = () =>
  renderRegister([
    SPECS[0] ?? findingSpec(1),
    findingSpec(2, { steps: ["A brand new first step", "And a second one"] }),
    SPECS[2] ?? findingSpec(3),
  ]);

async function command(h: Awaited<ReturnType<typeof synced>>["h"], number: number, text: string) {
  const payload = commentOn(gitea.fake, number, text);
  await handleIssueComment(h.bot, payload, log);
  return { payload, replies: commentsAfter(gitea.fake, number, payload.comment.id) };
}

describe("ignore", () => {
  it("closes the issue, labels it deferbot/ignored and records it in the state line", async () => {
    const { h, numbers } = await synced(gitea.fake);
    const number = numbers["TD-002"] ?? 0;
    const before = gitea.fake.issue(REPO, number).body;
    const { payload, replies } = await command(h, number, "/deferbot ignore");

    const issue = gitea.fake.issue(REPO, number);
    expect(issue.state).toBe("closed");
    expect(h.labelsOf(issue)).toContain(IGNORED_LABEL);
    expect(readState(issue.body)?.closed).toEqual({ reason: "ignored" });
    // Only the state line changed.
    const strip = (body: string) => body.replace(/<!-- deferbot:state [^>]*-->/, "");
    expect(strip(issue.body)).toBe(strip(before));
    expect(replies).toHaveLength(1);
    expect(replies[0]?.body).toContain("Closed and labelled `deferbot/ignored`");
    expect(reactionsOn(gitea.fake, payload.comment.id)).toEqual([`${BOT}:eyes`, `${BOT}:+1`]);
    expect(gitea.fake.repo(REPO).labels.filter((l) => l.name === IGNORED_LABEL)).toHaveLength(1);
  });

  it("a later change of the finding and a sync leave the issue closed and its body untouched", async () => {
    const { h, numbers } = await synced(gitea.fake);
    const number = numbers["TD-002"] ?? 0;
    await command(h, number, "/deferbot ignore");
    const ignoredBody = gitea.fake.issue(REPO, number).body;

    h.commit(changedTwo());
    const result = await h.sync();
    const issue = gitea.fake.issue(REPO, number);
    expect(issue.state).toBe("closed");
    expect(issue.body).toBe(ignoredBody);
    expect(h.issuesFor("TD-002")).toHaveLength(1);
    expect(result.plan.summary.closedOnTracker).toBe(1);
  });

  it("a finding removed and re-added does not reopen an ignored issue", async () => {
    const { h, numbers } = await synced(gitea.fake);
    const number = numbers["TD-002"] ?? 0;
    await command(h, number, "/deferbot ignore");
    h.commit(renderRegister([SPECS[0] ?? findingSpec(1), SPECS[2] ?? findingSpec(3)]));
    await h.sync();
    h.commit(renderRegister(SPECS));
    await h.sync();
    expect(gitea.fake.issue(REPO, number).state).toBe("closed");
    expect(h.issuesFor("TD-002")).toHaveLength(1);
  });

  it("ignoring twice changes nothing the second time", async () => {
    const { h, numbers } = await synced(gitea.fake);
    const number = numbers["TD-001"] ?? 0;
    await command(h, number, "/deferbot ignore");
    gitea.fake.resetRequests();
    const { replies } = await command(h, number, "/deferbot ignore");
    expect(replies[0]?.body).toContain("already ignored");
    expect(gitea.fake.count({ method: "PATCH" }) + gitea.fake.count({ method: "PUT" })).toBe(0);
  });
});

describe("unignore", () => {
  it("reopens, drops the label and the record, and syncs so the issue catches up", async () => {
    const { h, numbers } = await synced(gitea.fake);
    const number = numbers["TD-002"] ?? 0;
    await command(h, number, "/deferbot ignore");
    h.commit(changedTwo());
    await h.sync();

    const { payload, replies } = await command(h, number, "/deferbot unignore");
    const issue = gitea.fake.issue(REPO, number);
    expect(issue.state).toBe("open");
    expect(h.labelsOf(issue)).not.toContain(IGNORED_LABEL);
    expect(h.labelsOf(issue)).toContain("deferred-error");
    expect(readState(issue.body)?.closed).toBeNull();
    expect(parseIssueBody(issue.body).steps.map((s) => s.text)).toEqual([
      "A brand new first step",
      "And a second one",
    ]);
    expect(replies.at(-1)?.body).toContain("Reopened and no longer ignored; syncing resumed");
    expect(reactionsOn(gitea.fake, payload.comment.id).at(-1)).toBe(`${BOT}:+1`);
    expect(h.issuesFor("TD-002")).toHaveLength(1);
  });

  it("on an issue that is not ignored: says so and writes nothing", async () => {
    const { h, numbers } = await synced(gitea.fake);
    const number = numbers["TD-003"] ?? 0;
    gitea.fake.resetRequests();
    const { replies } = await command(h, number, "/deferbot unignore");
    expect(replies[0]?.body).toContain("TD-003 is not ignored");
    expect(gitea.fake.count({ method: "PATCH" })).toBe(0);
    expect(gitea.fake.issue(REPO, number).state).toBe("open");
  });
});
