/** A comment delivery through the real server and the real command handler (src/commands). */
import { afterEach, expect, it } from "vitest";
import { handleIssueComment } from "../../src/service/handlers/issue-comment.js";
import { handleIssueEdited } from "../../src/service/handlers/issues-edited.js";
import { useGiteaFake } from "../support/gitea-fake/vitest.js";
import { type BotServer, REPO, startBot } from "./harness.js";
import { issueCommentPayload } from "./payloads.js";

const gitea = useGiteaFake();
let bot: BotServer | undefined;

afterEach(async () => {
  await bot?.server.close();
  bot = undefined;
});

it("answers `/deferbot help` with a reply comment after the delivery is answered", async () => {
  bot = await startBot(gitea.fake, {
    handlers: { issueComment: handleIssueComment, issuesEdited: handleIssueEdited },
  });
  const issue = gitea.fake.addIssue(REPO, { title: "A question", author: "alice" });
  const comment = gitea.fake.addComment(REPO, issue.number, {
    author: "alice",
    body: "/deferbot help",
  });
  const before = gitea.fake.requests.length;

  const answer = await bot.send(
    "issue_comment",
    issueCommentPayload({ body: comment.body, number: issue.number, commentId: comment.id }),
  );
  const requestsWhenAnswered = gitea.fake.requests.length - before;
  await bot.server.whenIdle();

  expect(answer.status).toBe(200);
  expect(requestsWhenAnswered).toBe(0);
  const replies = gitea.fake
    .repo(REPO)
    .comments.filter((c) => c.issueNumber === issue.number && c.author === "deferbot");
  expect(replies).toHaveLength(1);
  expect(replies[0]?.body).toContain("/deferbot");
  expect(bot.logs.outcomesOf(answer.id).map((line) => line.outcome)).toEqual(["queued"]);
});
