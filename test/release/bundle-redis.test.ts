/**
 * The Redis lock as the npm package's bundle carries it: node-redis's client module with its
 * command table cut to the commands that module names itself (scripts/bundle-config.mjs
 * `redisCommandTableTrimmed`), without its OpenTelemetry metrics (`redisMetricsUnused`) and with
 * node:tls required on demand (`redisTlsOnDemand`). Checked against a real redis-server that asks for a password, by
 * the commands the server says it ran.
 */
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createClient } from "@redis/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RedisServer, redisServerBinary } from "../replicas/support/redis-server.js";
import { useGiteaFake } from "../support/gitea-fake/vitest.js";
import { findingSpec, renderRegister } from "../support/register.js";
import { DOC, REPO } from "../support/sync-harness.js";
import { type Built, buildBundle, tempDir } from "./bundles.js";

const PASSWORD = "s3cret pass";
const DB = 5;

let cli: Built;
beforeAll(async () => {
  cli = await buildBundle("cli");
});

function redisInputs(): string[] {
  const output = Object.entries(cli.metafile.outputs).find(([, out]) =>
    Object.keys(out.inputs).includes("src/replicas/redis-connection.ts"),
  );
  if (!output) throw new Error("no output holds src/replicas/redis-connection.ts");
  return Object.keys(output[1].inputs).filter((input) => input.includes("node_modules/@redis/"));
}

describe("the bundle's Redis client", () => {
  it("carries the client module, a few command modules, and neither cluster nor sentinel", () => {
    const inputs = redisInputs();
    expect(inputs).toContain("node_modules/@redis/client/dist/lib/client/index.js");
    expect(inputs.filter((input) => /\/lib\/(cluster|sentinel)\//.test(input))).toEqual([]);
    const commands = inputs.filter((input) => /\/lib\/commands\/[A-Z][A-Z0-9_]*\.js$/.test(input));
    expect(commands).toContain("node_modules/@redis/client/dist/lib/commands/AUTH.js");
    expect(commands).not.toContain("node_modules/@redis/client/dist/lib/commands/SET.js");
    expect(commands.length).toBeLessThan(20);
  });
});

describe("what the bundle's Redis client leaves out", () => {
  const lockOutput = () => {
    const found = Object.entries(cli.metafile.outputs).find(([, out]) =>
      Object.keys(out.inputs).includes("src/replicas/redis-connection.ts"),
    );
    if (!found) throw new Error("no output holds src/replicas/redis-connection.ts");
    return found[0];
  };

  it("loads neither node-redis's OpenTelemetry metrics nor @opentelemetry/api with the lock", () => {
    const loaded = new Set<string>();
    const visit = (name: string) => {
      if (loaded.has(name)) return;
      loaded.add(name);
      for (const imported of cli.metafile.outputs[name]?.imports ?? [])
        if (!imported.external && imported.kind === "import-statement") visit(imported.path);
    };
    visit(lockOutput());
    const inputs = [...loaded].flatMap((name) =>
      Object.keys(cli.metafile.outputs[name]?.inputs ?? {}),
    );
    expect(inputs).toContain("node_modules/@redis/client/dist/lib/opentelemetry/index.js");
    expect(
      inputs.filter((input) => /opentelemetry\/(metrics|client-registry)\.js$/.test(input)),
    ).toEqual([]);
    expect(inputs.filter((input) => input.includes("node_modules/@opentelemetry/api/"))).toEqual(
      [],
    );
  });

  it("requires node:tls only when a rediss:// connection asks for it", () => {
    const text = readFileSync(join(cli.outdir, lockOutput().split("/").pop() ?? ""), "utf8");
    const lines = text.split("\n").filter((line) => line.includes("node:tls"));
    expect(lines.map((line) => line.trim())).toEqual(['return __require("node:tls");']);
  });
});

describe.skipIf(redisServerBinary === null)("the bundle's Redis lock on a real server", () => {
  const gitea = useGiteaFake();
  let server: RedisServer;
  beforeAll(async () => {
    server = await RedisServer.start({ password: PASSWORD });
  });
  afterAll(async () => {
    await server.stop();
  });

  function sync(redisUrl: string): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      execFile(
        process.execPath,
        [join(cli.outdir, "deferbot.cjs"), "sync", "--repo", REPO],
        {
          cwd: tempDir("deferbot-redis-"),
          env: {
            PATH: process.env.PATH,
            GITEA_URL: gitea.fake.url,
            GITEA_TOKEN: "deferbot-token",
            REDIS_URL: redisUrl,
          },
        },
        (error, stdout, stderr) => {
          const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
          resolve({ code, stdout, stderr });
        },
      );
    });
  }

  /** `INFO commandstats` of the server: how many times it ran each command. */
  async function commandCounts(): Promise<Record<string, number>> {
    const client = createClient({ url: server.url });
    await client.connect();
    try {
      const info = await client.info("commandstats");
      return Object.fromEntries(
        [...info.matchAll(/^cmdstat_([\w|]+):calls=(\d+)/gm)].map((m) => [m[1], Number(m[2])]),
      );
    } finally {
      await client.close();
    }
  }

  it("logs in with the URL's password, selects its database and takes the lock with its scripts", async () => {
    gitea.fake.setFile(REPO, DOC, renderRegister([findingSpec(1), findingSpec(2)]));
    const before = await commandCounts();
    const result = await sync(`${server.url}/${DB}`);
    expect(result.stderr).not.toMatch(/Redis|TypeError/);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("success: 2 created");
    const after = await commandCounts();
    const ran = (name: string) => (after[name] ?? 0) - (before[name] ?? 0);
    // The server refuses every command before a login (see the next test): these ran after one.
    expect(ran("select")).toBe(1);
    // Taking and releasing the lock: its scripts, by EVALSHA or (Redis not knowing them yet) EVAL.
    expect(ran("evalsha")).toBeGreaterThanOrEqual(2);
    expect(ran("eval")).toBeLessThanOrEqual(ran("evalsha"));
  });

  it("exits 3, naming the address and not the password, when the password is wrong", async () => {
    gitea.fake.setFile(REPO, DOC, renderRegister([findingSpec(1)]));
    const result = await sync(`redis://:wrong@127.0.0.1:${server.port}`);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain(`Redis at redis://127.0.0.1:${server.port}`);
    expect(result.stderr).not.toContain("wrong");
    expect(gitea.fake.repo(REPO).issues).toEqual([]);
  });
});
