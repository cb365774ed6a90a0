/**
 * Issue 13 cases 1 and 2: `deferbot serve` parses registers on a worker thread (SPEC §4), so a
 * big register never keeps it from answering webhooks, and a hostile document is `too-complex`
 * with nothing closed. The worker runs the tsc build of src/sync/worker-parser.ts.
 */
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { RegisterParser } from "../../src/sync/parse-cache.js";
import type { workerParser as WorkerParser } from "../../src/sync/worker-parser.js";
import { compiledWorkerParser } from "../support/compiled-worker-parser.js";
import { useGiteaFake } from "../support/gitea-fake/vitest.js";
import { findingSpec, renderRegister } from "../support/register.js";
import { trackingIssues } from "../support/tracking-issues.js";
import { type BotServer, DOC, REPO, startBot } from "./harness.js";
import { giteaRepository, pushPayload } from "./payloads.js";

const gitea = useGiteaFake();
let workerParser: typeof WorkerParser;

beforeAll(async () => {
  workerParser = await compiledWorkerParser("deferbot-serve-worker-test");
});

/** The worker parser, telling `events` when the parse of a register over 100 kB starts and ends. */
function observed(events: string[]): RegisterParser {
  const parse = workerParser({ timeoutMs: 120_000 });
  return async (bytes, config) => {
    const big = bytes.byteLength > 100_000;
    if (big) events.push("parse started");
    const result = await parse(bytes, config);
    if (big) events.push("parse finished");
    return result;
  };
}

function pushTo(fullName: string, sha: string) {
  const name = fullName.split("/")[1] ?? "";
  return {
    ...pushPayload({ after: sha, commits: [{ id: sha, modified: [DOC] }] }),
    repository: { ...giteaRepository(), name, full_name: fullName },
  };
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

let bot: BotServer | undefined;
afterEach(async () => {
  await bot?.server.close();
  bot = undefined;
});

describe("parsing off the event loop", () => {
  it("answers a webhook for another repository while a big register is parsing", async () => {
    const events: string[] = [];
    bot = await startBot(gitea.fake, { parse: observed(events) });
    // Many findings to parse, few to write: the sync creates at most one issue.
    gitea.fake.setFile(REPO, ".gitea/deferbot.yml", "maxCreates: 1\n");
    const specs = Array.from({ length: 2000 }, (_, i) => findingSpec(i + 1));
    const big = gitea.fake.setFile(REPO, DOC, renderRegister(specs));
    gitea.fake.addRepo({ owner: "acme", name: "gadgets", collaborators: { deferbot: "write" } });
    const small = gitea.fake.setFile("acme/gadgets", DOC, renderRegister([findingSpec(1)]));

    expect((await bot.send("push", pushTo(REPO, big))).status).toBe(200);
    await until(() => events.includes("parse started"));
    const answer = await bot.send("push", pushTo("acme/gadgets", small));
    events.push(`answered ${answer.status}`);
    await bot.server.whenIdle();

    expect(events).toEqual(["parse started", "answered 200", "parse finished"]);
    expect(gitea.fake.repo(REPO).statuses.at(-1)).toMatchObject({ sha: big });
  }, 180_000);

  it("a document nested 1,000 deep is too-complex and closes nothing", async () => {
    bot = await startBot(gitea.fake, { parse: workerParser({ timeoutMs: 60_000 }) });
    const two = [findingSpec(1), findingSpec(2)];
    const first = gitea.fake.setFile(REPO, DOC, renderRegister(two));
    await bot.send("push", pushTo(REPO, first));
    await bot.server.whenIdle();
    const open = () =>
      trackingIssues(gitea.fake.repo(REPO).issues).filter((issue) => issue.state === "open");
    expect(open()).toHaveLength(2);

    const hostile = `${renderRegister([findingSpec(1)])}\n## ${findingSpec(2).id}: Deep\n\n${"> ".repeat(1000)}x\n`;
    const sha = gitea.fake.setFile(REPO, DOC, hostile);
    await bot.send("push", pushTo(REPO, sha));
    await bot.server.whenIdle();

    const status = gitea.fake.repo(REPO).statuses.at(-1);
    expect(status).toMatchObject({ sha, state: "failure" });
    expect(status?.description).toMatch(/nest deeper than 64 levels/);
    expect(open()).toHaveLength(2);
  });
});
