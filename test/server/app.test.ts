/** Routing of issues, issue_comment and pull_request deliveries to injected handlers. */
import { afterEach, describe, expect, it } from "vitest";
import type { PullRequestEnvelope } from "../../src/service/webhook-payloads.js";
import { useGiteaFake } from "../support/gitea-fake/vitest.js";
import { type BotServer, recordingHandlers, startBot } from "./harness.js";
import {
  hasSharedPayload,
  issueCommentPayload,
  issuesPayload,
  pullRequestPayload,
  sharedPayload,
} from "./payloads.js";

const gitea = useGiteaFake();
let bot: BotServer | undefined;

afterEach(async () => {
  await bot?.server.close();
  bot = undefined;
});

async function start(extra: Partial<Parameters<typeof startBot>[1]> = {}) {
  const recorded = recordingHandlers();
  bot = await startBot(gitea.fake, { handlers: recorded.handlers, ...extra });
  return { bot, calls: recorded.calls };
}

async function send(server: BotServer, event: string, payload: object) {
  const answer = await server.send(event, payload);
  await server.server.whenIdle();
  return { ...answer, outcomes: server.logs.outcomesOf(answer.id) };
}

describe("issues", () => {
  it("hands an edit of the body (a ticked box) to the review flow", async () => {
    const { bot, calls } = await start();
    const payload = issuesPayload({
      action: "edited",
      number: 4,
      body: "- [x] a",
      bodyFrom: "- [ ] a",
    });
    const { status, outcomes } = await send(bot, "issues", payload);
    expect(status).toBe(200);
    expect(outcomes).toMatchObject([{ event: "issues", action: "edited", outcome: "queued" }]);
    expect(calls.edits.map((p) => [p.issue.number, p.issue.body, p.changes?.body?.from])).toEqual([
      [4, "- [x] a", "- [ ] a"],
    ]);
  });

  it.skipIf(!hasSharedPayload("issues-edited.json"))(
    "hands on Gitea's own issues/edited payload (../shared)",
    async () => {
      const payload = sharedPayload("issues-edited.json");
      const { bot, calls } = await start();
      await send(bot, "issues", payload);
      expect(calls.edits).toHaveLength(1);
      expect(calls.edits[0]?.repository.full_name).toBe("acme/widgets");
    },
  );

  it("ignores a title edit, other actions, and the bot's own edits", async () => {
    const { bot, calls } = await start();
    const title = await send(bot, "issues", issuesPayload({ action: "edited" }));
    expect(title.outcomes).toMatchObject([
      { outcome: "ignored", reason: "edited without a body change" },
    ]);
    const label = await send(bot, "issues", issuesPayload({ action: "label_updated" }));
    expect(label.outcomes).toMatchObject([{ outcome: "ignored", reason: "action label_updated" }]);
    const own = await send(
      bot,
      "issues",
      issuesPayload({ action: "edited", bodyFrom: "old", sender: "deferbot" }),
    );
    expect(own.outcomes).toMatchObject([
      { outcome: "ignored", reason: "sent by the bot itself (deferbot)" },
    ]);
    expect(calls.edits).toEqual([]);
  });
});

describe("issue_comment", () => {
  it("hands a new comment to the command handler, PR conversation comments included", async () => {
    const { bot, calls } = await start();
    await send(bot, "issue_comment", issueCommentPayload({ body: "/deferbot help", number: 3 }));
    const pr = await send(
      bot,
      "issue_comment",
      issueCommentPayload({ body: "/deferbot sync", number: 9, isPull: true }),
    );
    expect(pr.outcomes).toMatchObject([{ action: "created", outcome: "queued" }]);
    expect(calls.comments.map((p) => [p.issue.number, p.comment.body, p.is_pull])).toEqual([
      [3, "/deferbot help", false],
      [9, "/deferbot sync", true],
    ]);
  });

  it.skipIf(!hasSharedPayload("issue-comment-created.json"))(
    "hands on Gitea's own issue_comment/created payload (../shared)",
    async () => {
      const payload = sharedPayload("issue-comment-created.json");
      const { bot, calls } = await start();
      await send(bot, "issue_comment", payload);
      expect(calls.comments).toHaveLength(1);
    },
  );

  it("ignores edited and deleted comments and the bot's own comments", async () => {
    const { bot, calls } = await start();
    for (const action of ["edited", "deleted"]) {
      const { outcomes } = await send(
        bot,
        "issue_comment",
        issueCommentPayload({ action, body: "/deferbot help" }),
      );
      expect(outcomes).toMatchObject([{ outcome: "ignored", reason: `action ${action}` }]);
    }
    const own = await send(
      bot,
      "issue_comment",
      issueCommentPayload({ body: "/deferbot help", sender: "deferbot" }),
    );
    expect(own.outcomes).toMatchObject([{ outcome: "ignored" }]);
    expect(calls.comments).toEqual([]);
  });

  it("answers 200 and logs the failure when the handler throws", async () => {
    const { bot } = await start({
      handlers: {
        ...recordingHandlers().handlers,
        issueComment: async () => {
          throw new Error("handler broke");
        },
      },
    });
    const { status, outcomes } = await send(
      bot,
      "issue_comment",
      issueCommentPayload({ body: "x" }),
    );
    expect(status).toBe(200);
    expect(outcomes.map((line) => line.outcome)).toEqual(["queued", "failed"]);
    expect(outcomes[1]).toMatchObject({ level: 50, err: { message: "handler broke" } });
  });
});

describe("pull_request", () => {
  it("is ignored (logged at debug) while PR previews have no handler", async () => {
    const { bot } = await start();
    const { status, outcomes } = await send(
      bot,
      "pull_request",
      pullRequestPayload({ action: "synchronized" }),
    );
    expect(status).toBe(200);
    expect(outcomes).toMatchObject([{ level: 20, outcome: "ignored", action: "synchronized" }]);
    expect(gitea.fake.requests.map((r) => r.path)).toEqual(["/user"]);
  });

  it("goes to a pull request handler when one is given (opened, reopened, synchronized)", async () => {
    const seen: PullRequestEnvelope[] = [];
    const { bot } = await start({
      handlers: {
        ...recordingHandlers().handlers,
        pullRequest: async (_bot, payload) => {
          seen.push(payload);
        },
      },
    });
    for (const action of ["opened", "synchronized", "closed", "label_updated"]) {
      await send(bot, "pull_request", pullRequestPayload({ action }));
    }
    expect(seen.map((p) => p.action)).toEqual(["opened", "synchronized"]);
  });
});
