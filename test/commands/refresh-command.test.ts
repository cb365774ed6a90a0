/** `/deferbot refresh` from a writer: the block rewritten from the document, even when its state line looks current. */
import { describe, expect, it } from "vitest";
import { parseIssueBody } from "../../src/core/issue/parse-issue-body.js";
import { handleIssueComment } from "../../src/service/handlers/issue-comment.js";
import { useGiteaFake } from "../support/gitea-fake/vitest.js";
import { renderRegister } from "../support/register.js";
import { BOT, REPO } from "../support/sync-harness.js";
import {
  commentOn,
  commentsAfter,
  log,
  reactionsOn,
  SPECS,
  synced,
  writesBesidesReply,
} from "./helpers.js";

const gitea = useGiteaFake();

function tickFirst(body: string): string {
  return body.replace("- [ ] ", "- [x] ");
}

async function refresh(h: Awaited<ReturnType<typeof synced>>["h"], number: number) {
  const payload = commentOn(gitea.fake, number, "/deferbot refresh");
  gitea.fake.resetRequests();
  await handleIssueComment(h.bot, payload, log);
  return { payload, replies: commentsAfter(gitea.fake, number, payload.comment.id) };
}

describe("refresh", () => {
  it("repairs text a person changed inside the block (state line intact), keeping the tick", async () => {
    const { h, numbers } = await synced(gitea.fake);
    const number = numbers["TD-001"] ?? 0;
    const issue = gitea.fake.issue(REPO, number);
    const ticked = tickFirst(issue.body);
    issue.body = ticked.replace("swallows errors", "is totally fine");
    expect(issue.body).not.toBe(ticked);

    const { payload, replies } = await refresh(h, number);
    expect(gitea.fake.issue(REPO, number).body).toBe(ticked);
    expect(replies[0]?.body).toMatch(/^Rewrote this issue's block from `docs\/deferred-errors.md`/);
    expect(reactionsOn(gitea.fake, payload.comment.id)).toEqual([`${BOT}:eyes`, `${BOT}:+1`]);
    expect(writesBesidesReply(gitea.fake)).toEqual(["PATCH /repos/{owner}/{repo}/issues/{index}"]);
  });

  it("repairs a block whose end marker a person deleted, keeping their note", async () => {
    const { h, numbers } = await synced(gitea.fake);
    const number = numbers["TD-002"] ?? 0;
    const issue = gitea.fake.issue(REPO, number);
    const original = tickFirst(issue.body);
    issue.body = `${original.replace("<!-- deferbot:end -->", "")}\n\nMy note: blocked on infra.`;
    expect(parseIssueBody(issue.body).status).toBe("broken");

    await refresh(h, number);
    const body = gitea.fake.issue(REPO, number).body;
    const parsed = parseIssueBody(body);
    expect(parsed.status).toBe("ok");
    expect(parsed.steps.map((step) => step.checked)).toEqual([true, false, false]);
    expect(body).toContain("My note: blocked on infra.");
  });

  it("restores a block a person deleted entirely (the issue is found by its ID title)", async () => {
    const { h, numbers } = await synced(gitea.fake);
    const number = numbers["TD-003"] ?? 0;
    const issue = gitea.fake.issue(REPO, number);
    const original = issue.body;
    issue.body = "Someone cleared this.";
    await refresh(h, number);
    expect(gitea.fake.issue(REPO, number).body).toBe(`${original}\n\nSomeone cleared this.`);
  });

  it("writes nothing when the issue already shows the document", async () => {
    const { h, numbers } = await synced(gitea.fake);
    const number = numbers["TD-001"] ?? 0;
    const { payload, replies } = await refresh(h, number);
    expect(replies[0]?.body).toContain("nothing to rewrite");
    expect(writesBesidesReply(gitea.fake)).toEqual([]);
    expect(reactionsOn(gitea.fake, payload.comment.id).at(-1)).toBe(`${BOT}:+1`);
  });

  it("a finding no longer in the document: says so, writes nothing, confused", async () => {
    const { h, numbers } = await synced(gitea.fake);
    h.commit(renderRegister(SPECS.slice(1)));
    const number = numbers["TD-001"] ?? 0;
    const { payload, replies } = await refresh(h, number);
    expect(replies[0]?.body).toContain("TD-001 is no longer in `docs/deferred-errors.md`");
    expect(writesBesidesReply(gitea.fake)).toEqual([]);
    expect(reactionsOn(gitea.fake, payload.comment.id).at(-1)).toBe(`${BOT}:confused`);
  });
});
