/**
 * SPEC §9 per command and cause, on the Gitea fake: the same cause ends `sync`, `action` and
 * `serve` with the same code, and the line names the request that failed.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { runServe } from "../../src/cli/commands/serve.js";
import { runSync } from "../../src/cli/commands/sync.js";
import { actionsPushPayload, runEvent } from "../action/helpers.js";
import { LogCapture, recordingHandlers, SECRET } from "../server/harness.js";
import type { GiteaFake } from "../support/gitea-fake/index.js";
import { useGiteaFake } from "../support/gitea-fake/vitest.js";
import { findingSpec, renderRegister } from "../support/register.js";
import { DOC, REPO } from "../support/sync-harness.js";

const gitea = useGiteaFake();
const TOKEN = "deferbot-token";

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A web server that is not Gitea: 404 for everything (a GITEA_URL with a wrong sub-path). */
async function notGitea(): Promise<string> {
  const server = createServer((_req, res) => res.writeHead(404).end("not found"));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  server.unref();
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Each command, started with GITEA_URL `url` and token `token`. */
const COMMANDS: Record<string, (url: string, token: string) => Promise<Run>> = {
  sync: async (url, token) => {
    const run: Run = { code: 0, stdout: "", stderr: "" };
    run.code = await runSync(
      { repo: REPO },
      {
        env: { GITEA_URL: url, GITEA_TOKEN: token },
        stdout: (text) => {
          run.stdout += text;
        },
        stderr: (text) => {
          run.stderr += text;
        },
      },
    );
    return run;
  },
  action: async (url, token) => {
    const sha = gitea.fake.setFile(REPO, DOC, renderRegister([findingSpec(1)]));
    return runEvent(
      gitea.fake,
      "push",
      actionsPushPayload({ after: sha, commits: [{ id: sha, modified: [DOC] }] }),
      { GITEA_URL: url, DEFERBOT_TOKEN: token },
    );
  },
  serve: async (url, token) => {
    const run: Run = { code: 0, stdout: "", stderr: "" };
    run.code = await runServe({
      env: {
        GITEA_URL: url,
        GITEA_TOKEN: token,
        WEBHOOK_SECRET: SECRET,
        HOST: "127.0.0.1",
        PORT: String(await freePort()),
      },
      stderr: (text) => {
        run.stderr += text;
      },
      logDestination: new LogCapture(),
      handlers: recordingHandlers().handlers,
      stopSignal: () => Promise.resolve("SIGTERM"),
    });
    return run;
  },
};

interface Cause {
  name: string;
  /** The URL and token to start with, after preparing the fake. */
  start: (fake: GiteaFake) => Promise<{ url: string; token: string }>;
  code: number;
  /** What the line says, whatever the command. */
  line: RegExp;
}

const CAUSES: Cause[] = [
  {
    name: "a revoked token (401 on GET /user)",
    start: async (fake) => ({ url: fake.url, token: "revoked-token" }),
    code: 2,
    line: /was refused by .* \(401\)/,
  },
  {
    name: "Gitea unreachable at start",
    start: async () => ({ url: `http://127.0.0.1:${await freePort()}`, token: TOKEN }),
    code: 3,
    line: /GET http:\/\/127\.0\.0\.1:\d+\/api\/v1\/user got no answer \(ECONNREFUSED\): is GITEA_URL \(http:\/\/127\.0\.0\.1:\d+\) reachable from here\?/,
  },
  {
    name: "Gitea failing at start (502 on GET /user)",
    start: async (fake) => {
      fake.failNext({ method: "GET", path: "/user" }, 502, 10);
      return { url: fake.url, token: TOKEN };
    },
    code: 3,
    line: /GET .*\/api\/v1\/user failed \(502/,
  },
  {
    name: "GITEA_URL with a wrong sub-path (404 on GET /user)",
    start: async () => ({ url: `${await notGitea()}/gitea`, token: TOKEN }),
    code: 2,
    line: /GET http:\/\/127\.0\.0\.1:\d+\/gitea\/api\/v1\/user answered 404: is GITEA_URL \(http:\/\/127\.0\.0\.1:\d+\/gitea\) the server's root\?/,
  },
];

describe("exit codes: the same cause, the same code, in every online command", () => {
  for (const cause of CAUSES) {
    for (const [command, run] of Object.entries(COMMANDS)) {
      it(`${command}: ${cause.name} → exit ${cause.code}`, async () => {
        const { url, token } = await cause.start(gitea.fake);
        const result = await run(url, token);
        expect(result.stderr).toMatch(new RegExp(`^deferbot ${command}: `));
        expect(result.stderr).toMatch(cause.line);
        expect(result.stderr).not.toMatch(/does acme\/widgets exist/);
        expect(result.code).toBe(cause.code);
      });
    }
  }
});

async function sync(options: Parameters<typeof runSync>[0]): Promise<Run> {
  const run: Run = { code: 0, stdout: "", stderr: "" };
  run.code = await runSync(options, {
    env: { GITEA_URL: gitea.fake.url, GITEA_TOKEN: TOKEN },
    stdout: (text) => {
      run.stdout += text;
    },
    stderr: (text) => {
      run.stderr += text;
    },
  });
  return run;
}

describe("deferbot sync: causes of its own, each naming its request", () => {
  const unknownSha = "0123456789abcdef0123456789abcdef01234567";
  const cases: {
    name: string;
    options: Parameters<typeof runSync>[0];
    code: number;
    line: string;
  }[] = [
    {
      name: "a repository that is not there",
      options: { repo: "acme/nothing" },
      code: 2,
      line: "GET /repos/acme/nothing answered 404 (The target couldn't be found.): does the repository exist, and can the token's user see it?",
    },
    {
      name: "--ref naming a branch that is not there",
      options: { repo: REPO, ref: "nope", dryRun: true },
      code: 2,
      line: "GET /repos/acme/widgets/branches/nope answered 404 (The target couldn't be found.): is there a branch nope?",
    },
    {
      name: "--ref naming a commit that is not there",
      options: { repo: REPO, ref: unknownSha, dryRun: true },
      code: 2,
      line: `GET /repos/acme/widgets/git/commits/${unknownSha} answered 404 (object does not exist [id: ${unknownSha}, rel_path: ]): is ${unknownSha} a commit of the repository?`,
    },
    {
      name: "bad flags",
      options: { repo: "widgets" },
      code: 2,
      line: '--repo must be owner/name (got "widgets")',
    },
    {
      name: "neither --repo nor --all",
      options: {},
      code: 2,
      line: "give --repo owner/name, or --all",
    },
  ];

  for (const { name, options, code, line } of cases) {
    it(`${name}: exit ${code}, the line, and with --json one object with error and exitCode`, async () => {
      gitea.fake.setFile(REPO, DOC, renderRegister([findingSpec(1)]));
      const text = await sync(options);
      expect(text.stderr).toBe(`deferbot sync: ${line}\n`);
      expect(text.code).toBe(code);
      expect(text.stdout).toBe("");

      const json = await sync({ ...options, json: true });
      expect(json.code).toBe(code);
      expect(JSON.parse(json.stdout)).toEqual({ version: 1, error: line, exitCode: code });
    });
  }

  it("a repository without a commit: exit 2, and the line says so", async () => {
    gitea.fake.failNext({ method: "GET", path: "/repos/acme/widgets/git/commits/HEAD" }, 404);
    const run = await sync({ repo: REPO });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^deferbot sync: GET \/repos\/acme\/widgets\/git\/commits\/HEAD answered 404.*: does the repository have a commit yet\? An empty repository has no default branch head\n$/,
    );
  });

  it("--json on success carries the exit code too", async () => {
    gitea.fake.setFile(REPO, DOC, renderRegister([findingSpec(1)]));
    const run = await sync({ repo: REPO, json: true, dryRun: true });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ repo: REPO, exitCode: 0 });
  });

  it("--json when Gitea fails at start: one object, exit 3", async () => {
    gitea.fake.failNext({ method: "GET", path: "/user" }, 502, 10);
    const run = await sync({ repo: REPO, json: true });
    expect(run.code).toBe(3);
    expect(JSON.parse(run.stdout)).toMatchObject({
      exitCode: 3,
      error: expect.stringMatching(/502/),
    });
  });
});
