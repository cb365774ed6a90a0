/**
 * Deliveries the server must refuse or ignore: each gets the right status, exactly one log line,
 * and no Gitea request.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { useGiteaFake } from "../support/gitea-fake/vitest.js";
import { type Delivery, postDelivery, signedDelivery } from "../support/webhooks.js";
import { type BotServer, type LogRecord, SECRET, startBot } from "./harness.js";
import { pushPayload } from "./payloads.js";

const gitea = useGiteaFake();
let bot: BotServer;
let requestsBefore = 0;
let linesBefore = 0;

beforeEach(async () => {
  bot = await startBot(gitea.fake);
  requestsBefore = gitea.fake.requests.length;
  linesBefore = bot.logs.lines.length;
});

afterEach(async () => {
  await bot.server.close();
});

const SHA = "a".repeat(40);
const goodPush = () => pushPayload({ after: SHA, commits: [{ id: SHA, modified: ["x"] }] });

/** Posts the delivery, waits for any work, and returns the answer and the one new log line. */
async function deliver(
  delivery: Delivery,
): Promise<{ status: number; body: string; line: LogRecord }> {
  const answer = await postDelivery(bot.hookUrl, delivery);
  await bot.server.whenIdle();
  expect(gitea.fake.requests.length - requestsBefore, "Gitea requests").toBe(0);
  const lines = bot.logs.records().slice(linesBefore);
  expect(lines, "log lines for the delivery").toHaveLength(1);
  const [line] = lines;
  if (!line) throw new Error("no log line");
  expect(line.delivery).toBe(delivery.id);
  return { ...answer, line };
}

function withHeaders(delivery: Delivery, headers: Record<string, string | null>): Delivery {
  const next = { ...delivery.headers };
  for (const [name, value] of Object.entries(headers)) {
    if (value === null) delete next[name];
    else next[name] = value;
  }
  return { ...delivery, headers: next };
}

describe("rejected deliveries", () => {
  it("a wrong signature: 400", async () => {
    const { status, line } = await deliver(signedDelivery("push", goodPush(), "not-the-secret"));
    expect(status).toBe(400);
    expect(line).toMatchObject({ outcome: "rejected", status: 400, event: "push" });
    expect(line.reason).toMatch(/signature does not match/);
  });

  it("a body changed after signing: 400", async () => {
    const signed = signedDelivery("push", goodPush(), SECRET);
    const { status } = await deliver({ ...signed, body: signed.body.replace("alice", "mallory") });
    expect(status).toBe(400);
  });

  it("no X-Hub-Signature-256 header (the other Gitea signatures present): 400", async () => {
    const delivery = withHeaders(signedDelivery("push", goodPush(), SECRET), {
      "X-Hub-Signature-256": null,
    });
    const { status, line } = await deliver(delivery);
    expect(status).toBe(400);
    expect(line.reason).toBe("Required headers missing: x-hub-signature-256");
  });

  it("a hook without a secret (Gitea sends empty signatures, `sha256=`): 400", async () => {
    const delivery = withHeaders(signedDelivery("push", goodPush(), SECRET), {
      "X-Hub-Signature-256": "sha256=",
      "X-Hub-Signature": "sha1=",
      "X-Gitea-Signature": "",
      "X-Gogs-Signature": "",
    });
    const { status, line } = await deliver(delivery);
    expect(status).toBe(400);
    expect(line.reason).toMatch(/signature does not match/);
  });

  it("a correctly signed body that is not JSON: 400", async () => {
    const { status, line } = await deliver(signedDelivery("push", "{not json", SECRET));
    expect(status).toBe(400);
    expect(line.reason).toMatch(/Invalid JSON/);
  });

  it("a form-encoded delivery (hook content type `form`): 415", async () => {
    const signed = signedDelivery("push", goodPush(), SECRET);
    const delivery = withHeaders(signed, { "Content-Type": "application/x-www-form-urlencoded" });
    const { status } = await deliver(delivery);
    expect(status).toBe(415);
  });

  it("an event Gitea could not name (empty X-GitHub-Event): answered 500 by @octokit/webhooks", async () => {
    const delivery = signedDelivery("", { action: "created" }, SECRET, { eventType: "package" });
    const { status, line } = await deliver(delivery);
    expect(status).toBe(500);
    expect(line.reason).toMatch(/Event name not passed/);
  });
});

describe("ignored deliveries (2xx, nothing done)", () => {
  it("an event deferbot does not handle", async () => {
    const payload = {
      ref: "v1.0.0",
      ref_type: "tag",
      repository: goodPush().repository,
      sender: goodPush().sender,
    };
    const { status, line } = await deliver(signedDelivery("create", payload, SECRET));
    expect(status).toBe(200);
    expect(line).toMatchObject({
      event: "create",
      repo: "acme/widgets",
      outcome: "ignored",
      reason: "event create is not handled",
    });
  });

  it("a review event with Gitea's own name (pull_request_approved)", async () => {
    const delivery = signedDelivery("pull_request_approved", { action: "reviewed" }, SECRET, {
      eventType: "pull_request_review_approved",
    });
    const { status, line } = await deliver(delivery);
    expect(status).toBe(200);
    expect(line).toMatchObject({ outcome: "ignored", event: "pull_request_approved" });
  });

  it("a push to another branch", async () => {
    const payload = { ...goodPush(), ref: "refs/heads/feature/x" };
    const { status, line } = await deliver(signedDelivery("push", payload, SECRET));
    expect(status).toBe(200);
    expect(line).toMatchObject({ outcome: "ignored", repo: "acme/widgets" });
    expect(line.reason).toMatch(/^not the default branch \(refs\/heads\/feature\/x/);
  });

  it("a tag push (Gitea sends it with no commits)", async () => {
    const payload = pushPayload({ after: SHA, ref: "refs/tags/v1.2.0", commits: [] });
    const { status, line } = await deliver(signedDelivery("push", payload, SECRET));
    expect(status).toBe(200);
    expect(line).toMatchObject({ outcome: "ignored", reason: "tag push (refs/tags/v1.2.0)" });
  });

  it("a push the bot made itself (login compared case-insensitively)", async () => {
    const payload = pushPayload({
      after: SHA,
      commits: [{ id: SHA, modified: ["docs/deferred-errors.md"] }],
      sender: "DeferBot",
    });
    const { status, line } = await deliver(signedDelivery("push", payload, SECRET));
    expect(status).toBe(200);
    expect(line).toMatchObject({ outcome: "ignored", reason: "sent by the bot itself (deferbot)" });
  });

  it("a signed payload that lacks what deferbot reads", async () => {
    const { repository: _dropped, ...payload } = goodPush();
    const { status, line } = await deliver(signedDelivery("push", payload, SECRET));
    expect(status).toBe(200);
    expect(line).toMatchObject({ outcome: "ignored", level: 40 });
    expect(line.reason).toMatch(/^invalid payload: repository/);
  });
});
