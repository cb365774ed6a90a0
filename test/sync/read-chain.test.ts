/**
 * The reads before a sync's first write overlap as far as they can, one round trip under SPEC §3.4
 * "Calls": (repository ‖ labels) → (branch head ‖ listing page 1) → (config ‖ document ‖ listing
 * pages 2…k) → writes. Each
 * request's round trip is counted from the order in which requests started and answers came
 * (no clock): a request is one round trip after the latest answer it waited for.
 */
import { describe, expect, it } from "vitest";
import { createGiteaOctokit } from "../../src/gitea/create-octokit.js";
import { Deferbot } from "../../src/service/deferbot.js";
import { parseInline } from "../../src/sync/parse-cache.js";
import { useGiteaFake } from "../support/gitea-fake/vitest.js";
import { findingSpec, generatedRegister, renderRegister } from "../support/register.js";
import { roundTripRecorder, tripsOf } from "../support/round-trips.js";
import { BOT, DOC, REPO } from "../support/sync-harness.js";

const gitea = useGiteaFake();
const silent = { debug() {}, info() {}, warn() {}, error() {} };

/** A fresh Deferbot (as a new process has) whose requests are recorded with their round trip. */
function recordingBot() {
  const { fetch, sent } = roundTripRecorder();
  const octokit = createGiteaOctokit({
    token: "deferbot-token",
    apiBaseUrl: gitea.fake.apiUrl,
    log: silent,
    fetch,
  });
  const bot = new Deferbot({ octokit, botLogin: BOT, concurrency: 4 });
  return { bot, sent };
}

/**
 * A `fetch` that holds the answers to the document and the listing's page 1 until both are in,
 * then hands both back in the same turn, the document whole and page 1's body one turn of the
 * event loop later (as its last bytes come over the network).
 */
function answeringTogether(recorded: typeof globalThis.fetch) {
  const held: Array<() => void> = [];
  const isDocument = (url: string) => new RegExp(`raw/${DOC}\\b`).test(url);
  const isFirstPage = (url: string) => /\/issues\?.*\bpage=1\b/.test(url);
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const url = decodeURIComponent(input instanceof Request ? input.url : String(input));
    const received = await recorded(input, init);
    if (!isDocument(url) && !isFirstPage(url)) return received;
    const text = await received.text();
    const body = isDocument(url)
      ? text
      : new ReadableStream<Uint8Array>({
          start(controller) {
            setImmediate(() => {
              controller.enqueue(new TextEncoder().encode(text));
              controller.close();
            });
          },
        });
    const answer = new Response(body, { status: received.status, headers: received.headers });
    return await new Promise<Response>((resolve) => {
      held.push(() => resolve(answer));
      if (held.length === 2) for (const release of held.splice(0)) release();
    });
  };
  return fetch;
}

describe("the sync's chain of reads (SPEC §3.4)", () => {
  it("a first sync reads the branch head beside the repository, the document beside the listing", async () => {
    gitea.fake.setFile(REPO, ".gitea/deferbot.yml", "dashboard: false\n");
    gitea.fake.setFile(REPO, DOC, renderRegister([findingSpec(1), findingSpec(2)]));
    const { bot, sent } = recordingBot();
    await bot.sync(REPO, {});

    expect(tripsOf(sent, /^GET \/repos\/acme\/widgets$/)).toEqual([1]);
    expect(tripsOf(sent, /^GET \/repos\/acme\/widgets\/git\/commits\/HEAD$/)).toEqual([1]);
    expect(tripsOf(sent, /raw\/\.gitea\/deferbot\.yml$/)).toEqual([2]);
    expect(tripsOf(sent, new RegExp(`raw/${DOC}$`))).toEqual([2]);
    expect(tripsOf(sent, /^GET \/repos\/acme\/widgets\/issues$/)).toEqual([2]);
    // Listed once per process, beside the first reads: the first create does not wait for it.
    expect(tripsOf(sent, /^GET \/repos\/acme\/widgets\/labels$/)).toEqual([1]);
    expect(tripsOf(sent, /^POST \/repos\/acme\/widgets\/issues$/)).toEqual([4, 4]);
  });

  it("a no-op sync of 120 issues posts its status in round trip 4", async () => {
    gitea.fake.setFile(REPO, ".gitea/deferbot.yml", "dashboard: false\n");
    const sha = gitea.fake.setFile(REPO, DOC, generatedRegister(120));
    await recordingBot().bot.sync(REPO, {});
    const { bot, sent } = recordingBot();
    await bot.sync(REPO, {});

    expect(tripsOf(sent, /^GET \/repos\/acme\/widgets\/issues$/)).toEqual([2, 3, 3]);
    expect(tripsOf(sent, new RegExp(`raw/${DOC}$`))).toEqual([2]);
    expect(sent.filter((s) => s.request.startsWith("POST"))).toEqual([
      { request: `POST /repos/acme/widgets/statuses/${sha}`, trip: 4 },
    ]);
  });

  it("the listing's pages 2…k are asked for before the parse holds the event loop", async () => {
    gitea.fake.setFile(REPO, ".gitea/deferbot.yml", "dashboard: false\n");
    gitea.fake.setFile(REPO, DOC, generatedRegister(120));
    await recordingBot().bot.sync(REPO, {});
    const { fetch: recorded, sent } = roundTripRecorder();
    const octokit = createGiteaOctokit({
      token: "deferbot-token",
      apiBaseUrl: gitea.fake.apiUrl,
      log: silent,
      fetch: answeringTogether(recorded),
    });
    const listedAtParse: number[] = [];
    const bot = new Deferbot({
      octokit,
      botLogin: BOT,
      concurrency: 4,
      parse: (bytes, config) => {
        listedAtParse.push(tripsOf(sent, /^GET \/repos\/acme\/widgets\/issues$/).length);
        return parseInline(bytes, config);
      },
    });
    await bot.sync(REPO, {});

    expect(listedAtParse).toEqual([3]);
  });

  it("a configuration naming another document: that one is read and synced", async () => {
    gitea.fake.setFile(REPO, ".gitea/deferbot.yml", "dashboard: false\ndocument: docs/other.md\n");
    gitea.fake.setFile(REPO, DOC, renderRegister([findingSpec(1)]));
    gitea.fake.setFile(REPO, "docs/other.md", renderRegister([findingSpec(7), findingSpec(8)]));
    const { bot, sent } = recordingBot();
    const result = await bot.sync(REPO, {});

    expect("findings" in result && result.findings.map((f) => f.id)).toEqual(["TD-007", "TD-008"]);
    expect(tripsOf(sent, /raw\/docs\/other\.md$/)).toEqual([3]);
  });
});
