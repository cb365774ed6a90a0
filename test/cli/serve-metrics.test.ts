/**
 * `deferbot serve`'s `/metrics` (SPEC §7) after a delivery and its sync: names, types, label
 * values; the bearer token; and the log's one structured line per Gitea request.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { runServe } from "../../src/cli/commands/serve.js";
import { METRIC_NAMES } from "../../src/metrics/metric-names.js";
import type { RunningServer } from "../../src/server/start-server.js";
import { parseInline } from "../../src/sync/parse-cache.js";
import { VERSION } from "../../src/version.js";
import { DOC, LogCapture, REPO, recordingHandlers, SECRET, TOKEN } from "../server/harness.js";
import { pushPayload } from "../server/payloads.js";
import { useGiteaFake } from "../support/gitea-fake/vitest.js";
import { findingSpec, renderRegister } from "../support/register.js";
import { trackingIssues } from "../support/tracking-issues.js";
import { postDelivery, signedDelivery } from "../support/webhooks.js";

const gitea = useGiteaFake();

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Runs serve until `body` is done with it. */
async function withServe(
  env: Record<string, string>,
  body: (server: RunningServer, logs: LogCapture) => Promise<void>,
): Promise<{ code: number; logs: LogCapture }> {
  const logs = new LogCapture();
  let stop: (signal: string) => void = () => {};
  let running: RunningServer | undefined;
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
    onListening: (server) => {
      running = server;
    },
  });
  while (!running) await new Promise((resolve) => setImmediate(resolve));
  try {
    await body(running, logs);
  } finally {
    stop("SIGTERM");
  }
  return { code: await served, logs };
}

/** The samples of a Prometheus text page: `name{labels}` → value. */
function samples(text: string): Map<string, number> {
  const map = new Map<string, number>();
  for (const line of text.split("\n")) {
    if (line === "" || line.startsWith("#")) continue;
    const at = line.lastIndexOf(" ");
    map.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return map;
}

function typeOf(text: string, name: string): string | undefined {
  return new RegExp(`^# TYPE ${name} (\\w+)$`, "m").exec(text)?.[1];
}

describe("deferbot serve: /metrics", () => {
  it("after a push delivery and its sync: deliveries, syncs, Gitea requests, parse, queue, process", async () => {
    const sha = gitea.fake.setFile(REPO, DOC, renderRegister([findingSpec(1)]));
    // One failed attempt of the issue listing, retried: a retry and a 502 to count.
    gitea.fake.failNext({ method: "GET", route: "GET /repos/{owner}/{repo}/issues" }, 502);
    let page = "";
    const { logs } = await withServe({ LOG_LEVEL: "debug" }, async (server) => {
      const push = signedDelivery(
        "push",
        pushPayload({ after: sha, commits: [{ id: sha, modified: [DOC] }] }),
        SECRET,
      );
      expect((await postDelivery(`${server.url}/api/webhook`, push)).status).toBe(200);
      const forged = signedDelivery("push", pushPayload({ after: sha }), "not-the-secret");
      expect((await postDelivery(`${server.url}/api/webhook`, forged)).status).toBe(400);
      await server.whenIdle();
      const answer = await fetch(`${server.url}/metrics`);
      expect(answer.status).toBe(200);
      expect(answer.headers.get("content-type")).toContain("text/plain; version=0.0.4");
      page = await answer.text();
    });
    expect(trackingIssues(gitea.fake.repo(REPO).issues)).toHaveLength(1);

    const values = samples(page);
    const issues = 'route="GET /repos/{owner}/{repo}/issues"';
    expect(typeOf(page, METRIC_NAMES.deliveries)).toBe("counter");
    expect(values.get(`${METRIC_NAMES.deliveries}{event="push",outcome="queued"}`)).toBe(1);
    expect(values.get(`${METRIC_NAMES.deliveries}{event="push",outcome="rejected"}`)).toBe(1);
    expect(typeOf(page, METRIC_NAMES.answerSeconds)).toBe("histogram");
    expect(values.get(`${METRIC_NAMES.answerSeconds}_count{status="200"}`)).toBe(1);
    expect(values.get(`${METRIC_NAMES.answerSeconds}_count{status="400"}`)).toBe(1);
    expect(typeOf(page, METRIC_NAMES.syncs)).toBe("counter");
    expect(values.get(`${METRIC_NAMES.syncs}{outcome="success"}`)).toBe(1);
    expect(typeOf(page, METRIC_NAMES.syncSeconds)).toBe("histogram");
    expect(values.get(`${METRIC_NAMES.syncSeconds}_count{outcome="success"}`)).toBe(1);
    expect(typeOf(page, METRIC_NAMES.queueDepth)).toBe("gauge");
    expect(values.get(METRIC_NAMES.queueDepth)).toBe(0);
    expect(values.get(METRIC_NAMES.syncsRunning)).toBe(0);
    expect(typeOf(page, METRIC_NAMES.giteaRequests)).toBe("counter");
    expect(values.get(`${METRIC_NAMES.giteaRequests}{route="GET /user",status="200"}`)).toBe(1);
    expect(values.get(`${METRIC_NAMES.giteaRequests}{${issues},status="502"}`)).toBe(1);
    expect(
      values.get(`${METRIC_NAMES.giteaRequests}{${issues},status="200"}`),
    ).toBeGreaterThanOrEqual(1);
    // The finding's tracking issue and the register's dashboard (SPEC §8).
    expect(
      values.get(
        `${METRIC_NAMES.giteaRequests}{route="POST /repos/{owner}/{repo}/issues",status="201"}`,
      ),
    ).toBe(2);
    expect(values.get(`${METRIC_NAMES.giteaRetries}{${issues}}`)).toBe(1);
    expect(typeOf(page, METRIC_NAMES.giteaSeconds)).toBe("histogram");
    expect(typeOf(page, METRIC_NAMES.parseSeconds)).toBe("histogram");
    expect(values.get(`${METRIC_NAMES.parseSeconds}_count`)).toBe(1);
    // prom-client's default process collectors.
    expect(typeOf(page, "process_cpu_user_seconds_total")).toBe("counter");
    expect(typeOf(page, "nodejs_heap_size_used_bytes")).toBe("gauge");
    // Every label value is a template: no filled-in repository path, no query.
    expect(page).not.toContain("acme/widgets");

    // The log: one structured line per Gitea attempt, Probot's bare lines gone, one `repo` key.
    const requests = logs.records().filter((record) => record.msg === "gitea request");
    expect(requests).toContainEqual(
      expect.objectContaining({
        route: "GET /repos/{owner}/{repo}/issues",
        status: 502,
        attempt: 1,
      }),
    );
    expect(requests).toContainEqual(
      expect.objectContaining({
        route: "GET /repos/{owner}/{repo}/issues",
        status: 200,
        attempt: 2,
      }),
    );
    for (const record of requests) expect(typeof record.ms).toBe("number");
    expect(logs.text()).not.toContain("GitHub request");
    for (const line of logs.lines)
      expect(line.match(/"repo":/g)?.length ?? 0, line).toBeLessThan(2);
    expect(
      logs.records().find((record) => record.msg === "deferbot serve listening")?.version,
    ).toBe(VERSION);
  });

  it("with METRICS_TOKEN: 401 without the bearer token or with another, 200 with it", async () => {
    await withServe({ METRICS_TOKEN: "scrape-secret" }, async (server) => {
      expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
      const wrong = await fetch(`${server.url}/metrics`, {
        headers: { authorization: "Bearer scrape-secreT" },
      });
      expect(wrong.status).toBe(401);
      const right = await fetch(`${server.url}/metrics`, {
        headers: { authorization: "Bearer scrape-secret" },
      });
      expect(right.status).toBe(200);
      expect(await right.text()).toContain(`# TYPE ${METRIC_NAMES.syncs} counter`);
    });
  });
});
