/**
 * Write access for sync, refresh, ignore, unignore and resolve: the payload's
 * `repository.permissions` (the commenter's, on issue_comment), else the collaborator API,
 * which answers 403 unless the bot is a repository admin. A refusal is a reply and `confused`;
 * nothing else is written.
 */
import { describe, expect, it } from "vitest";
import { handleIssueComment } from "../../src/service/handlers/issue-comment.js";
import { useGiteaFake } from "../support/gitea-fake/vitest.js";
import { BOT, REPO } from "../support/sync-harness.js";
import {
  commentOn,
  commentsAfter,
  log,
  READER,
  reactionsOn,
  synced,
  type WRITER,
  writesBesidesReply,
} from "./helpers.js";

const gitea = useGiteaFake();
const WRITING = ["sync", "refresh", "ignore", "unignore", "resolve"] as const;
const PERMISSION_ROUTE = "GET /repos/{owner}/{repo}/collaborators/{collaborator}/permission";

async function run(command: string, permissions: typeof WRITER) {
  const { h, numbers } = await synced(gitea.fake);
  const number = numbers["TD-001"] ?? 0;
  const before = gitea.fake.issue(REPO, number).body;
  const payload = commentOn(gitea.fake, number, `/deferbot ${command}`, { permissions });
  gitea.fake.resetRequests();
  await handleIssueComment(h.bot, payload, log);
  const replies = commentsAfter(gitea.fake, number, payload.comment.id);
  return { h, number, before, payload, replies };
}

describe.each(WRITING)("%s", (command) => {
  it("a reader (permissions.push false) gets a polite refusal, confused, and nothing else happens", async () => {
    const { number, before, payload, replies } = await run(command, READER);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.body).toContain(`Sorry, \`/deferbot ${command}\` needs write access`);
    expect(reactionsOn(gitea.fake, payload.comment.id)).toEqual([`${BOT}:eyes`, `${BOT}:confused`]);
    expect(writesBesidesReply(gitea.fake)).toEqual([]);
    expect(gitea.fake.count({ route: PERMISSION_ROUTE })).toBe(0);
    const issue = gitea.fake.issue(REPO, number);
    expect(issue.state).toBe("open");
    expect(issue.body).toBe(before);
  });

  it("no permissions in the payload and the fallback answering 403 (bot not admin) → refused", async () => {
    const { payload, replies } = await run(command, null);
    expect(gitea.fake.requestsMatching({ route: PERMISSION_ROUTE }).map((r) => r.status)).toEqual([
      403,
    ]);
    expect(replies[0]?.body).toContain("I could not confirm your access");
    expect(reactionsOn(gitea.fake, payload.comment.id).at(-1)).toBe(`${BOT}:confused`);
    expect(writesBesidesReply(gitea.fake)).toEqual([]);
  });
});

describe("the collaborator API fallback when the bot is a repository admin", () => {
  it("write access is accepted", async () => {
    gitea.fake.repo(REPO).collaborators.set("deferbot", "admin");
    gitea.fake.repo(REPO).collaborators.set("alice", "write");
    const { payload, replies } = await run("sync", null);
    expect(gitea.fake.requestsMatching({ route: PERMISSION_ROUTE }).map((r) => r.status)).toEqual([
      200,
    ]);
    expect(replies[0]?.body).toContain("Synced");
    expect(reactionsOn(gitea.fake, payload.comment.id).at(-1)).toBe(`${BOT}:+1`);
  });

  it("`owner` (Gitea's answer for the repository owner) is accepted", async () => {
    gitea.fake.repo(REPO).collaborators.set("deferbot", "admin");
    const { h, numbers } = await synced(gitea.fake);
    const number = numbers["TD-001"] ?? 0;
    const payload = commentOn(gitea.fake, number, "/deferbot sync", {
      author: "acme",
      permissions: null,
    });
    await handleIssueComment(h.bot, payload, log);
    expect(commentsAfter(gitea.fake, number, payload.comment.id)[0]?.body).toContain("Synced");
  });

  it("read access is refused, and the reply says which access the person has", async () => {
    gitea.fake.repo(REPO).collaborators.set("deferbot", "admin");
    const { replies } = await run("ignore", null);
    expect(replies[0]?.body).toContain("your access here is `read`");
    expect(writesBesidesReply(gitea.fake)).toEqual([]);
  });
});

describe("access is asked once per comment", () => {
  it("two writing commands, no permissions in the payload: one collaborator call", async () => {
    gitea.fake.repo(REPO).collaborators.set("deferbot", "admin");
    gitea.fake.repo(REPO).collaborators.set("alice", "write");
    const { h, numbers } = await synced(gitea.fake);
    const number = numbers["TD-002"] ?? 0;
    const payload = commentOn(gitea.fake, number, "/deferbot refresh\n/deferbot sync", {
      permissions: null,
    });
    await handleIssueComment(h.bot, payload, log);
    expect(gitea.fake.count({ route: PERMISSION_ROUTE })).toBe(1);
  });

  it("status and help need no access", async () => {
    const { h, numbers } = await synced(gitea.fake);
    const number = numbers["TD-002"] ?? 0;
    const payload = commentOn(gitea.fake, number, "/deferbot status\n/deferbot help", {
      permissions: READER,
    });
    await handleIssueComment(h.bot, payload, log);
    expect(reactionsOn(gitea.fake, payload.comment.id).at(-1)).toBe(`${BOT}:+1`);
  });
});
