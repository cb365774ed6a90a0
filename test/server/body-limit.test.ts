/**
 * Issue 13 case 6: webhook bodies are capped at WEBHOOK_MAX_BYTES before anything reads them
 * whole (SPEC §4): 413 from the declared length without reading, or as soon as a chunked body
 * passes the cap, and a body under the cap still delivers.
 */
import { request } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { useGiteaFake } from "../support/gitea-fake/vitest.js";
import { signedDelivery } from "../support/webhooks.js";
import { type BotServer, DOC, REPO, recordingHandlers, SECRET, startBot } from "./harness.js";
import { pushPayload } from "./payloads.js";

const gitea = useGiteaFake();
const LIMIT = 64 * 1024;
const PLANNED = 8 * 1024 * 1024;
const CHUNK = Buffer.alloc(16 * 1024, "x");

let bot: BotServer | undefined;
afterEach(async () => {
  await bot?.server.close();
  bot = undefined;
});

interface Sent {
  status: number;
  /** Bytes of the body the client had written when the answer came. */
  written: number;
}

/**
 * POSTs a body of PLANNED bytes with a bad signature, chunk by chunk, each write waiting for the
 * one before it, and stops writing when the answer arrives.
 */
function sendHuge(url: string, declareLength: boolean): Promise<Sent> {
  return new Promise((resolve, reject) => {
    let written = 0;
    let answered = false;
    const headers: Record<string, string | number> = {
      "content-type": "application/json",
      "x-gitea-event": "push",
      "x-github-event": "push",
      "x-gitea-delivery": "d-huge",
      "x-hub-signature-256": "sha256=0000",
    };
    if (declareLength) headers["content-length"] = PLANNED;
    const req = request(url, { method: "POST", headers }, (res) => {
      answered = true;
      res.resume();
      resolve({ status: res.statusCode ?? 0, written });
    });
    req.on("error", (error) => {
      if (!answered) reject(error);
    });
    const next = () => {
      if (answered || written >= PLANNED) return;
      written += CHUNK.length;
      req.write(CHUNK, () => setImmediate(next));
    };
    next();
  });
}

describe("WEBHOOK_MAX_BYTES", () => {
  it("a body declared over the cap is answered 413 before the client has sent it, logged once", async () => {
    const { calls, handlers } = recordingHandlers();
    bot = await startBot(gitea.fake, { handlers, settings: { webhookMaxBytes: LIMIT } });
    gitea.fake.resetRequests();
    const sent = await sendHuge(bot.hookUrl, true);
    expect(sent.status).toBe(413);
    expect(sent.written).toBeLessThan(PLANNED);
    const rejected = bot.logs.records().filter((record) => record.msg === "delivery rejected");
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toMatchObject({ status: 413, delivery: "d-huge" });
    expect(calls.comments).toHaveLength(0);
    expect(gitea.fake.requests).toHaveLength(0);
  });

  it("a chunked body is counted while it streams: 413 once past the cap, the rest never read", async () => {
    bot = await startBot(gitea.fake, { settings: { webhookMaxBytes: LIMIT } });
    const sent = await sendHuge(bot.hookUrl, false);
    expect(sent.status).toBe(413);
    expect(sent.written).toBeLessThan(PLANNED);
    expect(bot.logs.records().filter((record) => record.msg === "delivery rejected")).toHaveLength(
      1,
    );
  });

  it("a body under the cap is delivered and synced", async () => {
    bot = await startBot(gitea.fake, { settings: { webhookMaxBytes: LIMIT } });
    const sha = gitea.fake.setFile(REPO, DOC, "# Deferred\n");
    const delivery = signedDelivery(
      "push",
      pushPayload({ after: sha, commits: [{ id: sha, modified: [DOC] }] }),
      SECRET,
    );
    expect(Buffer.byteLength(delivery.body)).toBeLessThan(LIMIT);
    const answer = await bot.send(
      "push",
      pushPayload({ after: sha, commits: [{ id: sha, modified: [DOC] }] }),
    );
    expect(answer.status).toBe(200);
    await bot.server.whenIdle();
    expect(gitea.fake.repo(REPO).statuses.at(-1)).toMatchObject({ sha, state: "success" });
  });
});
