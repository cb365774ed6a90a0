/** `/deferbot refresh` restores Gitea's own issue fields from the document (SPEC §8: people win, but refresh). */
import { describe, expect, it } from "vitest";
import { readState } from "../../src/core/issue/state-line.js";
import { handleIssueComment } from "../../src/service/handlers/issue-comment.js";
import { useGiteaFake } from "../support/gitea-fake/vitest.js";
import { findingSpec, renderFinding } from "../support/register.js";
import { REPO } from "../support/sync-harness.js";
import { commentOn, commentsAfter, log, synced, writesBesidesReply } from "./helpers.js";

const gitea = useGiteaFake();
const R = "/repos/{owner}/{repo}";

const REGISTER = `# Deferred Errors\n\n---\n\n${[
  `${renderFinding(findingSpec(1))}\n- **Owner:** @alice\n- **Due:** 2027-03-31\n- **Milestone:** v2.0`,
  `${renderFinding(findingSpec(2))}\n- **Blocked by:** TD-001`,
].join("\n\n---\n\n")}\n`;

async function setUp() {
  gitea.fake.setCollaborator(REPO, "alice", "write");
  gitea.fake.setCollaborator(REPO, "bob", "write");
  gitea.fake.addMilestone(REPO, { title: "v2.0" });
  const v3 = gitea.fake.addMilestone(REPO, { title: "v3.0" });
  const done = await synced(gitea.fake, REGISTER);
  return { ...done, v3 };
}

async function refresh(h: Awaited<ReturnType<typeof synced>>["h"], number: number) {
  const payload = commentOn(gitea.fake, number, "/deferbot refresh");
  gitea.fake.resetRequests();
  await handleIssueComment(h.bot, payload, log);
  return commentsAfter(gitea.fake, number, payload.comment.id);
}

describe("refresh and the issue fields", () => {
  it("sets back the assignee, due date and milestone a person changed, in one PATCH; the next sync writes nothing", async () => {
    const { h, numbers, v3 } = await setUp();
    const number = numbers["TD-001"] ?? 0;
    const issue = gitea.fake.issue(REPO, number);
    issue.assignees = ["bob"];
    issue.dueDate = "2027-06-30T23:59:59Z";
    issue.milestone = { id: v3.id, title: v3.title };
    gitea.fake.resetRequests();
    await h.sync();
    expect(gitea.fake.issue(REPO, number).assignees).toEqual(["bob"]); // people win in a sync

    const replies = await refresh(h, number);
    const after = gitea.fake.issue(REPO, number);
    expect(after.assignees).toEqual(["alice"]);
    expect(after.dueDate?.slice(0, 10)).toBe("2027-03-31");
    expect(after.milestone?.title).toBe("v2.0");
    expect(writesBesidesReply(gitea.fake)).toEqual([`PATCH ${R}/issues/{index}`]);
    expect(replies[0]?.body).toContain("Set its assignees, due date, milestone back");

    gitea.fake.resetRequests();
    await h.sync();
    expect(gitea.fake.writes().map((r) => r.route)).toEqual([`POST ${R}/statuses/{sha}`]);
  });

  it("reads the dependencies and adds back one a person removed; a person's assignee where the finding names no owner stays", async () => {
    const { h, numbers } = await setUp();
    const number = numbers["TD-002"] ?? 0;
    const blocker = numbers["TD-001"] ?? 0;
    const issue = gitea.fake.issue(REPO, number);
    expect(issue.blockedBy).toEqual([blocker]);
    issue.blockedBy = [];
    issue.assignees = ["bob"];

    await refresh(h, number);
    expect(gitea.fake.issue(REPO, number).blockedBy).toEqual([blocker]);
    expect(gitea.fake.issue(REPO, number).assignees).toEqual(["bob"]);
    expect(gitea.fake.count({ route: `GET ${R}/assignees` })).toBe(0);
    expect(gitea.fake.count({ route: `GET ${R}/issues/{index}/dependencies` })).toBe(1);
    expect(writesBesidesReply(gitea.fake)).toEqual([`POST ${R}/issues/{index}/dependencies`]);
    expect(readState(gitea.fake.issue(REPO, number).body)?.fieldsSet?.dependencies).toEqual([
      blocker,
    ]);
  });
});
