/**
 * `serve`'s periodic reconcile (DEFERBOT_RECONCILE_INTERVAL): the same `sync --all`, through the
 * queue, and skipped while another process holds the reconcile lock. The timer is ticked by hand.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { runServe } from "../../src/cli/commands/serve.js";
import type { ReconcileLock, ReconcileTimer } from "../../src/recovery/reconcile-timer.js";
import { parseInline } from "../../src/sync/parse-cache.js";
import { DOC, LogCapture, REPO, recordingHandlers, SECRET, TOKEN } from "../server/harness.js";
import { useGiteaFake } from "../support/gitea-fake/vitest.js";
import { findingSpec, renderRegister } from "../support/register.js";
import { trackingIssues } from "../support/tracking-issues.js";

const gitea = useGiteaFake();

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function serveAndTick(env: Record<string, string>, lock?: ReconcileLock) {
  const logs = new LogCapture();
  let stop: (signal: string) => void = () => {};
  let timer: ReconcileTimer | null = null;
  let listening = false;
  const served = runServe({
    // The parse worker runs compiled JavaScript; from source the register is parsed inline.
    parse: parseInline,
    env: {
      GITEA_URL: gitea.fake.url,
      GITEA_TOKEN: TOKEN,
      WEBHOOK_SECRET: SECRET,
      HOST: "127.0.0.1",
      PORT: String(await freePort()),
      ...env,
    },
    stderr: () => {},
    logDestination: logs,
    handlers: recordingHandlers().handlers,
    stopSignal: () => new Promise((resolve) => (stop = resolve)),
    onListening: () => {
      listening = true;
    },
    onReconcile: (t) => {
      timer = t;
    },
    reconcilePauseMs: 0,
    ...(lock ? { reconcileLock: lock } : {}),
  });
  while (!listening) await new Promise((resolve) => setImmediate(resolve));
  await (timer as ReconcileTimer | null)?.tick();
  stop("SIGTERM");
  return { code: await served, logs, timer: timer as ReconcileTimer | null };
}

describe("deferbot serve: the periodic reconcile", () => {
  it("is off by default", async () => {
    const { code, timer } = await serveAndTick({});
    expect(code).toBe(0);
    expect(timer).toBeNull();
  });

  it("with DEFERBOT_RECONCILE_INTERVAL, a tick syncs every repository with a register", async () => {
    gitea.fake.setFile(REPO, DOC, renderRegister([findingSpec(1), findingSpec(2)]));
    const { code, logs } = await serveAndTick({ DEFERBOT_RECONCILE_INTERVAL: "10m" });
    expect(code).toBe(0);
    expect(trackingIssues(gitea.fake.repo(REPO).issues)).toHaveLength(2);
    expect(logs.records()).toContainEqual(
      expect.objectContaining({ reconcile: "finished", repos: 1, exitCode: 0 }),
    );
  });

  it("skips the run while another process holds the reconcile lock", async () => {
    gitea.fake.setFile(REPO, DOC, renderRegister([findingSpec(1)]));
    let asked = 0;
    const held: ReconcileLock = {
      tryAcquireReconcile: async () => {
        asked += 1;
        return null;
      },
    };
    const { logs } = await serveAndTick({ DEFERBOT_RECONCILE_INTERVAL: "10m" }, held);
    expect(asked).toBe(1);
    expect(gitea.fake.repo(REPO).issues).toEqual([]);
    expect(logs.records()).toContainEqual(expect.objectContaining({ reconcile: "skipped" }));
  });
});
