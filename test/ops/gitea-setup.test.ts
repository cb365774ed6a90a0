/**
 * Runs scripts/gitea-setup.sh against a fake Gitea on loopback, with a fake `docker compose`
 * standing in for Gitea's admin CLI, and checks what it creates.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SETUP_SCRIPT } from "./ops-files.js";

const ADMIN = "trial-admin";
const ADMIN_PASSWORD = "trial-admin-password";

interface FakeGitea {
  users: Set<string>;
  tokens: Map<string, string>;
  repos: Set<string>;
  collaborators: { repo: string; user: string; permission: unknown }[];
  hooks: { repo: string; body: Record<string, unknown> }[];
  files: Map<string, Record<string, unknown>>;
  cli: string[][];
}

const fake: FakeGitea = {
  users: new Set(),
  tokens: new Map(),
  repos: new Set(),
  collaborators: [],
  hooks: [],
  files: new Map(),
  cli: [],
};

/** The fake `docker compose`: hands its arguments to the fake Gitea and prints the answer. */
const FAKE_COMPOSE = `
const response = await fetch(process.env.FAKE_GITEA + "/__cli", {
  method: "POST",
  body: JSON.stringify(process.argv.slice(2)),
});
process.stdout.write(await response.text());
process.exit(response.ok ? 0 : 1);
`;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = "";
    req.on("data", (chunk: Buffer) => {
      body += chunk.toString("utf8");
    });
    req.on("end", () => resolve(body));
  });
}

function flag(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at === -1 ? undefined : args[at + 1];
}

/** Gitea's admin CLI as the script calls it through `docker compose exec`. */
function runCli(argv: string[]): { status: number; out: string } {
  fake.cli.push(argv);
  const prefix = ["exec", "-T", "-u", "git", "gitea", "gitea", "admin", "user"];
  if (prefix.some((word, index) => argv[index] !== word)) return { status: 400, out: "bad prefix" };
  const [command, ...args] = argv.slice(prefix.length);
  const username = flag(args, "--username") ?? "";
  if (command === "create") {
    fake.users.add(username);
    return { status: 200, out: `New user '${username}' has been successfully created!\n` };
  }
  if (command === "generate-access-token" && fake.users.has(username)) {
    const token = Array.from({ length: 40 }, () => Math.floor(Math.random() * 16).toString(16));
    fake.tokens.set(token.join(""), username);
    return { status: 200, out: `${token.join("")}\n` };
  }
  return { status: 400, out: "unexpected command" };
}

function isAdmin(req: IncomingMessage): boolean {
  const expected = `Basic ${Buffer.from(`${ADMIN}:${ADMIN_PASSWORD}`).toString("base64")}`;
  return fake.users.has(ADMIN) && req.headers.authorization === expected;
}

async function handle(req: IncomingMessage): Promise<[number, unknown]> {
  const url = new URL(req.url ?? "/", "http://fake");
  const path = url.pathname;
  const body = await readBody(req);
  if (path === "/__cli") {
    const { status, out } = runCli(JSON.parse(body) as string[]);
    return [status, out];
  }
  if (path === "/api/healthz") return [200, { status: "pass" }];
  const user = /^\/api\/v1\/users\/([^/]+)$/.exec(path);
  if (user) return fake.users.has(user[1] ?? "") ? [200, { login: user[1] }] : [404, {}];
  if (path === "/api/v1/user") {
    const token = /^token (\S+)$/.exec(req.headers.authorization ?? "")?.[1] ?? "";
    return fake.tokens.has(token) ? [200, { login: fake.tokens.get(token) }] : [401, {}];
  }
  if (!isAdmin(req)) return [401, { message: "unauthorized" }];
  if (req.method === "POST" && path === "/api/v1/user/repos") {
    const { name } = JSON.parse(body) as { name: string };
    fake.repos.add(`${ADMIN}/${name}`);
    return [201, { full_name: `${ADMIN}/${name}` }];
  }
  const repo = /^\/api\/v1\/repos\/([^/]+\/[^/]+)(\/.*)?$/.exec(path);
  if (!repo || !fake.repos.has(repo[1] ?? "")) return [404, {}];
  const [, fullName = "", rest = ""] = repo;
  if (rest === "" && req.method === "GET") return [200, { full_name: fullName }];
  const collaborator = /^\/collaborators\/([^/]+)$/.exec(rest);
  if (collaborator && req.method === "PUT") {
    const { permission } = JSON.parse(body) as { permission: unknown };
    fake.collaborators.push({ repo: fullName, user: collaborator[1] ?? "", permission });
    return [204, null];
  }
  if (rest === "/hooks" && req.method === "POST") {
    fake.hooks.push({ repo: fullName, body: JSON.parse(body) as Record<string, unknown> });
    return [201, { id: fake.hooks.length }];
  }
  const file = /^\/contents\/(.+)$/.exec(rest);
  if (file) {
    const key = `${fullName}:${file[1]}`;
    if (req.method === "GET") return fake.files.has(key) ? [200, {}] : [404, {}];
    if (req.method === "POST") {
      fake.files.set(key, JSON.parse(body) as Record<string, unknown>);
      return [201, {}];
    }
  }
  return [404, { message: `unexpected ${req.method} ${path}` }];
}

let server: Server;
let baseUrl: string;
let dir: string;
let envFile: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    handle(req).then(([status, payload]) => {
      if (payload === null) res.writeHead(status).end();
      else if (typeof payload === "string") res.writeHead(status).end(payload);
      else
        res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(payload));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  dir = mkdtempSync(join(tmpdir(), "deferbot-setup-"));
  writeFileSync(join(dir, "fake-compose.mjs"), FAKE_COMPOSE);
  envFile = join(dir, "trial.env");
});

afterAll(() => {
  server.close();
  rmSync(dir, { recursive: true, force: true });
});

function runScript(...args: string[]): Promise<{ code: number | null; stderr: string }> {
  const child = spawn("bash", [SETUP_SCRIPT, ...args], {
    env: {
      PATH: process.env.PATH ?? "",
      GITEA_PUBLIC_URL: baseUrl,
      FAKE_GITEA: baseUrl,
      ENV_FILE: envFile,
      COMPOSE: `${process.execPath} ${join(dir, "fake-compose.mjs")}`,
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stderr }));
  });
}

function envFileValues(): Record<string, string> {
  return Object.fromEntries(
    readFileSync(envFile, "utf8")
      .split("\n")
      .filter((line) => /^[A-Z_]+=/.test(line))
      .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
  );
}

describe("scripts/gitea-setup.sh", () => {
  it("creates the users, a minimally scoped token, the repository and the webhook", async () => {
    const run = await runScript();
    expect(run.code, run.stderr).toBe(0);

    const creates = fake.cli.filter((argv) => argv.includes("create"));
    const admin = creates.find((argv) => flag(argv, "--username") === ADMIN);
    const bot = creates.find((argv) => flag(argv, "--username") === "deferbot");
    expect(admin).toContain("--admin");
    expect(bot).not.toContain("--admin");
    expect(bot).toContain("--must-change-password=false");

    const tokenCalls = fake.cli.filter((argv) => argv.includes("generate-access-token"));
    expect(tokenCalls).toHaveLength(1);
    expect(flag(tokenCalls[0] ?? [], "--username")).toBe("deferbot");
    expect(
      flag(tokenCalls[0] ?? [], "--scopes")
        ?.split(",")
        .sort(),
    ).toEqual(["read:user", "write:issue", "write:repository"]);

    expect([...fake.repos]).toEqual([`${ADMIN}/demo`]);
    expect(fake.collaborators).toEqual([
      { repo: `${ADMIN}/demo`, user: "deferbot", permission: "write" },
    ]);

    const env = envFileValues();
    expect(fake.tokens.get(env.GITEA_TOKEN ?? "")).toBe("deferbot");
    expect(env.WEBHOOK_SECRET).toMatch(/^[0-9a-f]{64}$/);

    expect(fake.hooks).toHaveLength(1);
    const hook = fake.hooks[0]?.body ?? {};
    expect(hook.type).toBe("gitea");
    expect(hook.active).toBe(true);
    expect(hook.branch_filter).toBe("main");
    expect(hook.events).toEqual(
      expect.arrayContaining(["push", "issues", "issue_comment", "pull_request"]),
    );
    expect(hook.config).toEqual({
      url: "http://deferbot:3000/api/webhook",
      content_type: "json",
      secret: env.WEBHOOK_SECRET,
    });
  });

  it("keeps the token, the secret and the webhook when run again", async () => {
    const before = envFileValues();
    const run = await runScript();
    expect(run.code, run.stderr).toBe(0);
    expect(envFileValues()).toEqual(before);
    expect(fake.cli.filter((argv) => argv.includes("generate-access-token"))).toHaveLength(1);
    expect(fake.hooks).toHaveLength(1);
  });

  it("seeds a register of two findings, once", async () => {
    const run = await runScript("seed");
    expect(run.code, run.stderr).toBe(0);
    const commit = fake.files.get(`${ADMIN}/demo:docs/deferred-errors.md`);
    expect(commit?.branch).toBe("main");
    const text = Buffer.from(String(commit?.content), "base64").toString("utf8");
    expect(text.match(/^## DEMO-\d+: /gm)).toHaveLength(2);
    expect(text).toContain("- **Suggested approach:**");

    const again = await runScript("seed");
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("already exists");
  });
});
