/** `/deferbot status`: open to everyone (readers too), on tracking issues. */
import { describe, expect, it } from "vitest";
import { parseRegister } from "../../src/core/document/parse-register.js";
import { handleIssueComment } from "../../src/service/handlers/issue-comment.js";
import { useGiteaFake } from "../support/gitea-fake/vitest.js";
import { findingSpec, renderRegister } from "../support/register.js";
import { BOT, DOC, harness, REPO } from "../support/sync-harness.js";
import {
  commentOn,
  commentsAfter,
  log,
  READER,
  reactionsOn,
  SPECS,
  synced,
  WRITER,
} from "./helpers.js";

const gitea = useGiteaFake();

function tickFirst(body: string): string {
  return body.replace("- [ ] ", "- [x] ");
}

describe.each([
  ["a writer", WRITER],
  ["a reader", READER],
] as const)("status from %s", (_who, permissions) => {
  it("tells the finding's lines and commit, the checklist progress and the last sync", async () => {
    const { h, numbers } = await synced(gitea.fake);
    const number = numbers["TD-002"] ?? 0;
    const issue = gitea.fake.issue(REPO, number);
    issue.body = tickFirst(issue.body);
    const sha = gitea.fake.headSha(REPO);
    const span = parseRegister(renderRegister(SPECS)).findings[1]?.span;
    const payload = commentOn(gitea.fake, number, "/deferbot status", { permissions });
    gitea.fake.resetRequests();
    await handleIssueComment(h.bot, payload, log);

    const [reply] = commentsAfter(gitea.fake, number, payload.comment.id);
    const body = reply?.body ?? "";
    const base = `${gitea.fake.url}/${REPO}`;
    expect(body).toContain(
      `TD-002 is in \`${DOC}\` at [lines ${span?.startLine}–${span?.endLine}](${base}/src/commit/${sha}/docs/deferred-errors.md#L${span?.startLine}-L${span?.endLine}), commit [${sha.slice(0, 10)}](${base}/commit/${sha}).`,
    );
    expect(body).toContain("shows the finding as it is in the document");
    expect(body).toContain("1 of 3 steps ticked");
    expect(body).toContain("**State:** open.");
    expect(body).toMatch(/\*\*Last sync:\*\* success at \[[0-9a-f]{10}\]/);
    expect(reactionsOn(gitea.fake, payload.comment.id)).toEqual([`${BOT}:eyes`, `${BOT}:+1`]);
    // Reads only, besides the reactions and the reply.
    expect(gitea.fake.writes().map((r) => r.route)).toEqual([
      "POST /repos/{owner}/{repo}/issues/comments/{id}/reactions",
      "POST /repos/{owner}/{repo}/issues/{index}/comments",
      "POST /repos/{owner}/{repo}/issues/comments/{id}/reactions",
    ]);
  });
});

describe("status in other situations", () => {
  it("a finding changed in the document since the issue was written", async () => {
    const { h, numbers } = await synced(gitea.fake);
    h.commit(
      renderRegister(
        [SPECS[0], findingSpec(2, { risk: "Medium — reworded" }), SPECS[2]].flatMap((s) =>
          s ? [s] : [],
        ),
      ),
    );
    const payload = commentOn(gitea.fake, numbers["TD-002"] ?? 0, "/deferbot status");
    await handleIssueComment(h.bot, payload, log);
    const [reply] = commentsAfter(gitea.fake, numbers["TD-002"] ?? 0, payload.comment.id);
    expect(reply?.body).toContain("differs from the document");
  });

  it("a finding removed from the document", async () => {
    const { h, numbers } = await synced(gitea.fake);
    h.commit(renderRegister([SPECS[0], SPECS[2]].flatMap((s) => (s ? [s] : []))));
    const payload = commentOn(gitea.fake, numbers["TD-002"] ?? 0, "/deferbot status");
    await handleIssueComment(h.bot, payload, log);
    const [reply] = commentsAfter(gitea.fake, numbers["TD-002"] ?? 0, payload.comment.id);
    expect(reply?.body).toContain("TD-002 is not in `docs/deferred-errors.md`");
  });

  it("before any sync in this process: says so", async () => {
    const { numbers } = await synced(gitea.fake);
    const fresh = harness(gitea.fake);
    const payload = commentOn(gitea.fake, numbers["TD-001"] ?? 0, "/deferbot status");
    await handleIssueComment(fresh.bot, payload, log);
    const [reply] = commentsAfter(gitea.fake, numbers["TD-001"] ?? 0, payload.comment.id);
    expect(reply?.body).toContain("**Last sync:** none since the bot started.");
  });
});
