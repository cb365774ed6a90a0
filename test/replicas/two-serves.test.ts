/**
 * Two `deferbot serve` replicas behind one webhook URL, sharing one Gitea (the fake) and one
 * Redis (SPEC §10): pushes spread over both, or sent to both, never make a twin; a replica
 * killed mid-sync leaves the lock to expire and the other finishes; Redis stopped and started
 * again during a sync costs no twin and the syncs converge once it is back.
 */
import { createClient } from "@redis/client";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { lockKey, pendingKey } from "../../src/replicas/lock-keys.js";
import { REPO, SECRET, TOKEN } from "../server/harness.js";
import { pushPayload } from "../server/payloads.js";
import type { GiteaFake } from "../support/gitea-fake/index.js";
import { useGiteaFake } from "../support/gitea-fake/vitest.js";
import { type FindingSpec, findingSpec, renderRegister } from "../support/register.js";
import { trackingIssues } from "../support/tracking-issues.js";
import { postDelivery, signedDelivery } from "../support/webhooks.js";
import { RedisServer, redisServerBinary } from "./support/redis-server.js";
import { ServeProcess } from "./support/serve-process.js";

const DOC = "docs/deferred-errors.md";
const PUSHES = 30;
const gitea = useGiteaFake();

/** The register of push `n`: findings 1‥n+1, the first one's title naming the push. */
function registerAt(n: number, extra = 0): FindingSpec[] {
  return Array.from({ length: n + 1 + extra }, (_, i) =>
    i === 0 ? findingSpec(1, { title: `First finding, as of push ${n}.` }) : findingSpec(i + 1),
  );
}

function commit(fake: GiteaFake, specs: FindingSpec[]): string {
  return fake.setFile(REPO, DOC, renderRegister(specs));
}

async function push(server: ServeProcess, sha: string): Promise<number> {
  const delivery = signedDelivery(
    "push",
    pushPayload({ after: sha, commits: [{ id: sha, modified: [DOC] }] }),
    SECRET,
  );
  return (await postDelivery(`${server.url}/api/webhook`, delivery)).status;
}

/** Polls until `probe` holds; bounded so a hang fails instead of stalling the suite. */
async function until(probe: () => Promise<boolean>, what: string): Promise<void> {
  for (let attempt = 0; attempt < 1200; attempt++) {
    if (await probe()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`never happened: ${what}`);
}

describe.skipIf(redisServerBinary === null)("two serve replicas on one Redis", () => {
  const bin = inject("deferbotBin");
  let redis: RedisServer;
  let client: ReturnType<typeof createClient>;
  let servers: ServeProcess[] = [];

  beforeAll(async () => {
    redis = await RedisServer.start();
    client = createClient({ url: redis.url });
    client.on("error", () => {}); // the Redis restart test drops it on purpose
    await client.connect();
  });
  afterAll(async () => {
    client?.destroy();
    await redis?.stop();
  });
  afterEach(async () => {
    await Promise.all(servers.map((server) => server.kill()));
    servers = [];
    await client.flushAll();
  });

  async function startBoth(ttl = "2s"): Promise<[ServeProcess, ServeProcess]> {
    const env = {
      GITEA_URL: gitea.fake.url,
      GITEA_TOKEN: TOKEN,
      WEBHOOK_SECRET: SECRET,
      REDIS_URL: redis.url,
      REDIS_LOCK_TTL: ttl,
    };
    servers = await Promise.all([ServeProcess.start(bin, env), ServeProcess.start(bin, env)]);
    return servers as [ServeProcess, ServeProcess];
  }

  /** Both idle, the lock and the pending key gone, and the head's status posted. */
  async function converged(): Promise<void> {
    const fake = gitea.fake;
    await until(
      async () => {
        const head = fake.headSha(REPO);
        const idle = await Promise.all(servers.map((server) => server.idle()));
        const keys = await client.exists([lockKey(REPO), pendingKey(REPO)]);
        const status = fake
          .repo(REPO)
          .statuses.some((s) => s.sha === head && s.context === "deferbot");
        return idle.every(Boolean) && keys === 0 && status;
      },
      `converged (logs: ${servers.map((s) => s.log.slice(-2000)).join("\n---\n")})`,
    );
  }

  /** One open issue per finding of `specs`, none for anything else: no twin. */
  function expectIssuesFor(specs: FindingSpec[]): void {
    const issues = trackingIssues(gitea.fake.repo(REPO).issues);
    for (const spec of specs) {
      const mine = issues.filter((issue) =>
        issue.body.includes(`<!-- deferbot:finding id=${spec.id} -->`),
      );
      expect(
        mine.map((issue) => issue.state),
        spec.id,
      ).toEqual(["open"]);
    }
    expect(issues).toHaveLength(specs.length);
  }

  function expectNewestDocument(last: number): void {
    const first = gitea.fake
      .repo(REPO)
      .issues.find((issue) => issue.body.includes("<!-- deferbot:finding id=TD-001 -->"));
    expect(first?.title).toContain(`as of push ${last}.`);
    const head = gitea.fake.headSha(REPO);
    const statuses = gitea.fake.repo(REPO).statuses.filter((s) => s.sha === head);
    expect(statuses.map((s) => s.state)).toContain("success");
  }

  it(`${PUSHES} pushes alternating between them, each adding a finding: no twin, the newest document`, async () => {
    const [a, b] = await startBoth();
    gitea.fake.setLatency(5);
    for (let n = 1; n <= PUSHES; n++) {
      const sha = commit(gitea.fake, registerAt(n));
      expect(await push(n % 2 === 0 ? a : b, sha)).toBe(200);
    }
    await converged();
    expectIssuesFor(registerAt(PUSHES));
    expectNewestDocument(PUSHES);
  });

  it(`${PUSHES} pushes, each sent to both: no twin, the newest document`, async () => {
    const [a, b] = await startBoth();
    gitea.fake.setLatency(5);
    for (let n = 1; n <= PUSHES; n++) {
      const sha = commit(gitea.fake, registerAt(n));
      expect(await Promise.all([push(a, sha), push(b, sha)])).toEqual([200, 200]);
    }
    await converged();
    expectIssuesFor(registerAt(PUSHES));
    expectNewestDocument(PUSHES);
  });

  it("kill -9 of the holder mid-sync: the other finishes once the lock expired, no twin", async () => {
    const [a, b] = await startBoth("2s");
    gitea.fake.setLatency(60);
    expect(await push(a, commit(gitea.fake, registerAt(1, 10)))).toBe(200);
    await until(async () => gitea.fake.repo(REPO).issues.length >= 2, "a's sync is writing");
    const held = await client.get(lockKey(REPO));
    expect(held).not.toBeNull();
    // Pushed to b while a holds the lock: b leaves the request to a, then a dies.
    expect(await push(b, commit(gitea.fake, registerAt(2, 10)))).toBe(200);
    await a.kill();
    servers = [b];
    expect(await client.get(lockKey(REPO))).toBe(held); // nobody released it
    await converged();
    expectIssuesFor(registerAt(2, 10));
    expectNewestDocument(2);
  });

  it("Redis stopped and started again during a sync: deliveries answered, /readyz says so, no twin", async () => {
    const [a, b] = await startBoth("2s");
    gitea.fake.setLatency(60);
    expect(await push(a, commit(gitea.fake, registerAt(1, 10)))).toBe(200);
    await until(async () => gitea.fake.repo(REPO).issues.length >= 2, "a's sync is writing");
    await redis.stop();
    await until(async () => (await a.readiness()).status === 503, "a's /readyz says Redis is gone");
    expect((await a.readiness()).body.status).toBe("redis disconnected");
    expect(await push(b, commit(gitea.fake, registerAt(2, 10)))).toBe(200);
    await redis.restart();
    await converged();
    expect((await a.readiness()).body.redis).toBe("connected");
    expectIssuesFor(registerAt(2, 10));
    expectNewestDocument(2);
  });
});
