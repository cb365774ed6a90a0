/** `deferbot serve` says which version runs: in its start-up line and in `/readyz`. */
import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/server/logger.js";
import { startServer } from "../../src/server/start-server.js";
import { VERSION } from "../../src/version.js";
import { LogCapture, recordingHandlers, serverSettings } from "../server/harness.js";
import { useGiteaFake } from "../support/gitea-fake/vitest.js";

const gitea = useGiteaFake();

describe("the version of a running server", () => {
  it("is in the start-up line and the readiness body", async () => {
    const logs = new LogCapture();
    const server = await startServer(serverSettings(gitea.fake), {
      handlers: recordingHandlers().handlers,
      log: createLogger("info", logs),
    });
    try {
      const listening = logs.records().find((r) => r.msg === "deferbot serve listening");
      expect(listening?.version).toBe(VERSION);
      const ready = await fetch(`${server.url}/readyz`);
      expect(ready.status).toBe(200);
      expect(((await ready.json()) as { version?: string }).version).toBe(VERSION);
    } finally {
      await server.close();
    }
  });
});
