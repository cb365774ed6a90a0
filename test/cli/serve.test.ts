/**
 * `deferbot serve` (src/cli/commands/serve.ts): the run function with injected environment and
 * streams for each start-up failure and a clean stop, then the built bin once, end to end.
 */

import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, inject, it } from "vitest";
import { runServe, type ServeIo } from "../../src/cli/commands/serve.js";
import type { RunningServer } from "../../src/server/start-server.js";
import { parseInline } from "../../src/sync/parse-cache.js";
import { DOC, LogCapture, REPO, recordingHandlers, SECRET, TOKEN } from "../server/harness.js";
import { pushPayload } from "../server/payloads.js";
import { useGiteaFake } from "../support/gitea-fake/vitest.js";
import { findingSpec, renderRegister } from "../support/register.js";
import { PROJECT_ROOT } from "../support/shared.js";
import { postDelivery, signedDelivery } from "../support/webhooks.js";

const gitea = useGiteaFake();

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function goodEnv(overrides: Record<string, string | undefined> = {}) {
  return {
    GITEA_URL: gitea.fake.url,
    GITEA_TOKEN: TOKEN,
    WEBHOOK_SECRET: SECRET,
    HOST: "127.0.0.1",
    ...overrides,
  };
}

async function serve(env: Record<string, string | undefined>, io: Partial<ServeIo> = {}) {
  let stderr = "";
  const logs = new LogCapture();
  const code = await runServe({
    env,
    stderr: (text) => {
      stderr += text;
    },
    logDestination: logs,
    handlers: recordingHandlers().handlers,
    stopSignal: () => Promise.resolve("SIGTERM"),
    // The parse worker runs compiled JavaScript; from source the register is parsed inline.
    parse: parseInline,
    ...io,
  });
  return { code, stderr, logs };
}

describe("runServe start-up checks", () => {
  const cases: [string, Record<string, string | undefined>, string][] = [
    [
      "GITEA_URL missing",
      { GITEA_URL: undefined },
      "GITEA_URL must be an http(s) URL such as https://git.example.com (it is not set)",
    ],
    [
      "GITEA_URL malformed",
      { GITEA_URL: "git.example.com" },
      'GITEA_URL must be an http(s) URL such as https://git.example.com (got "git.example.com")',
    ],
    ["GITEA_TOKEN missing", { GITEA_TOKEN: "" }, "GITEA_TOKEN must be set to a Gitea access token"],
    [
      "WEBHOOK_SECRET missing",
      { WEBHOOK_SECRET: undefined },
      "WEBHOOK_SECRET must be set to the secret of the Gitea webhook (Gitea signs every delivery with it)",
    ],
    ["PORT invalid", { PORT: "http" }, 'PORT must be a whole number from 1 to 65535 (got "http")'],
    [
      "PORT out of range",
      { PORT: "70000" },
      'PORT must be a whole number from 1 to 65535 (got "70000")',
    ],
    [
      "LOG_LEVEL invalid",
      { LOG_LEVEL: "loud" },
      'LOG_LEVEL must be one of trace, debug, info, warn, error, fatal, silent (got "loud")',
    ],
  ];

  for (const [name, overrides, message] of cases) {
    it(`${name}: one line, exit 2, Gitea not called`, async () => {
      const { code, stderr, logs } = await serve(goodEnv(overrides));
      expect(stderr).toBe(`deferbot serve: ${message}\n`);
      expect(code).toBe(2);
      expect(gitea.fake.requests).toEqual([]);
      expect(logs.lines).toEqual([]);
    });
  }

  it("reports every bad variable at once, one line each, never echoing the secret", async () => {
    const { code, stderr } = await serve({ GITEA_TOKEN: TOKEN, WEBHOOK_SECRET: SECRET, PORT: "x" });
    expect(code).toBe(2);
    expect(stderr.split("\n").filter(Boolean)).toEqual([
      "deferbot serve: GITEA_URL must be an http(s) URL such as https://git.example.com (it is not set)",
      'deferbot serve: PORT must be a whole number from 1 to 65535 (got "x")',
    ]);
    expect(stderr).not.toContain(SECRET);
  });

  it("a token Gitea refuses: the 401 line, exit 2", async () => {
    const { code, stderr } = await serve(goodEnv({ GITEA_TOKEN: "not-a-token" }));
    expect(stderr).toBe(
      `deferbot serve: GITEA_TOKEN was refused by ${gitea.fake.url} (401): check the token and its read:user scope\n`,
    );
    expect(code).toBe(2);
  });
});

describe("runServe running", () => {
  it("serves until the stop signal, finishes the work, and exits 0", async () => {
    const port = await freePort();
    let stop: (signal: string) => void = () => {};
    let running: RunningServer | undefined;
    const sha = gitea.fake.setFile(REPO, DOC, renderRegister([findingSpec(1)]));
    const served = serve(goodEnv({ PORT: String(port) }), {
      stopSignal: () => new Promise((resolve) => (stop = resolve)),
      onListening: (server) => {
        running = server;
      },
    });
    while (!running) await new Promise((resolve) => setImmediate(resolve));
    expect(running.url).toBe(`http://127.0.0.1:${port}`);

    const delivery = signedDelivery(
      "push",
      pushPayload({ after: sha, commits: [{ id: sha, modified: [DOC] }] }),
      SECRET,
    );
    expect((await postDelivery(`${running.url}/api/webhook`, delivery)).status).toBe(200);
    stop("SIGTERM");
    const { code, stderr, logs } = await served;

    expect(code).toBe(0);
    expect(stderr).toBe("");
    // The finding's issue and the register's dashboard (SPEC §8, on by default).
    expect(gitea.fake.repo(REPO).issues).toHaveLength(2);
    const messages = logs.records().map((r) => r.msg);
    expect(messages.at(-1)).toBe("stopped");
    expect(messages.indexOf("sync finished")).toBeGreaterThan(-1);
    expect(messages.indexOf("sync finished")).toBeLessThan(messages.indexOf("stopped"));
    expect(messages).toContain("shutting down: no new deliveries, waiting for running work");
    expect(logs.records().find((r) => r.msg === "GITEA_TOKEN accepted")?.login).toBe("deferbot");
  });
});

describe("the deferbot bin: serve", () => {
  const bin = inject("deferbotBin");

  it("starts, answers /healthz, and exits 0 on SIGTERM without logging the token or secret", async () => {
    const port = await freePort();
    const child: ChildProcess = spawn(process.execPath, [bin, "serve"], {
      cwd: PROJECT_ROOT,
      env: { PATH: process.env.PATH, ...goodEnv({ PORT: String(port), LOG_LEVEL: "debug" }) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stderr?.on("data", (chunk) => {
      stderr += chunk;
    });
    const exited = new Promise<number | null>((resolve) =>
      child.on("exit", (code) => resolve(code)),
    );
    await new Promise<void>((resolve, reject) => {
      child.stdout?.on("data", (chunk) => {
        stdout += chunk;
        if (stdout.includes('"msg":"deferbot serve listening"')) resolve();
      });
      child.on("exit", () => reject(new Error(`serve exited early: ${stderr}`)));
    });

    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(stderr).toBe("");
    expect(stdout).toContain('"msg":"stopped"');
    expect(stdout).not.toContain(TOKEN);
    expect(stdout).not.toContain(SECRET);
  });
});
