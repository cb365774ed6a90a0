/**
 * Issue 13 from the bundle: `deferbot serve` run from the npm bundle (no node_modules in reach)
 * starts its parse worker from the bundled chunk beside it: with DEFERBOT_PARSE_TIMEOUT at 1 ms
 * the worker is stopped and the sync reports `too-complex` (an inline parse has no timeout and
 * would succeed; a worker that could not start would say "could not start its document parser").
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { giteaRepository, pushPayload } from "../server/payloads.js";
import { useGiteaFake } from "../support/gitea-fake/vitest.js";
import { findingSpec, renderRegister } from "../support/register.js";
import { postDelivery, signedDelivery } from "../support/webhooks.js";
import { type Built, buildBundle, filesUnder, tempDir } from "./bundles.js";

const gitea = useGiteaFake();
const REPO = "acme/widgets";
const DOC = "docs/deferred-errors.md";
const SECRET = "bundle-worker-secret";

let cli: Built;
beforeAll(async () => {
  cli = await buildBundle("cli");
});

let child: ChildProcess | undefined;
afterEach(() => {
  child?.kill("SIGKILL");
  child = undefined;
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** Starts the bundle's `serve`; resolves with its URL once it logs that it listens. */
async function serveFromBundle(): Promise<string> {
  const port = await freePort();
  const started = spawn(process.execPath, [join(cli.outdir, "deferbot.cjs"), "serve"], {
    cwd: tempDir("deferbot-serve-"),
    env: {
      PATH: process.env.PATH ?? "",
      GITEA_URL: gitea.fake.url,
      GITEA_TOKEN: "deferbot-token",
      WEBHOOK_SECRET: SECRET,
      HOST: "127.0.0.1",
      PORT: String(port),
      LOG_LEVEL: "info",
      DEFERBOT_PARSE_TIMEOUT: "1ms",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  child = started;
  return new Promise((resolve, reject) => {
    started.once("exit", (code) => reject(new Error(`serve exited with ${code}`)));
    createInterface({ input: started.stdout ?? process.stdin }).on("line", (line) => {
      if (line.includes('"deferbot serve listening"')) resolve(`http://127.0.0.1:${port}`);
    });
  });
}

describe("the parse worker in the bundle", () => {
  it("ships beside the chunk that starts it", () => {
    expect(filesUnder(cli.outdir)).toContain("parse-worker-entry.js");
  });

  it("serve from the bundle parses on the worker: past DEFERBOT_PARSE_TIMEOUT it is too-complex", async () => {
    const url = await serveFromBundle();
    const text = renderRegister(Array.from({ length: 300 }, (_, i) => findingSpec(i + 1)));
    const sha = gitea.fake.setFile(REPO, DOC, text);
    const payload = {
      ...pushPayload({ after: sha, commits: [{ id: sha, modified: [DOC] }] }),
      repository: giteaRepository(),
    };
    const answer = await postDelivery(
      `${url}/api/webhook`,
      signedDelivery("push", payload, SECRET),
    );
    expect(answer.status).toBe(200);
    while (gitea.fake.repo(REPO).statuses.length === 0)
      await new Promise((resolve) => setTimeout(resolve, 20));
    const status = gitea.fake.repo(REPO).statuses.at(-1);
    expect(status).toMatchObject({ sha, state: "failure" });
    expect(status?.description).toMatch(/took longer than/);
    expect(status?.description).not.toMatch(/could not start/);
  }, 120_000);
});
