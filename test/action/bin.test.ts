/** The built `deferbot` bin running `action` as a workflow step would, against the Gitea fake. */
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useGiteaFake } from "../support/gitea-fake/vitest.js";
import { findingSpec, renderRegister } from "../support/register.js";
import { PROJECT_ROOT } from "../support/shared.js";
import { DOC, REPO } from "../support/sync-harness.js";
import { actionsEnv, actionsPushPayload, BOT_TOKEN, writeEvent } from "./helpers.js";

const gitea = useGiteaFake();
let outDir = "";
let bin = "";

beforeAll(() => {
  // A private build of the project, laid out like dist/, so parallel builds do not collide.
  outDir = mkdtempSync(join(PROJECT_ROOT, "node_modules/.cache-deferbot-action-test-"));
  const pkg = JSON.parse(readFileSync(join(PROJECT_ROOT, "package.json"), "utf8")) as {
    bin: { deferbot: string };
  };
  bin = join(outDir, relative("dist", pkg.bin.deferbot));
  try {
    execFileSync(
      process.execPath,
      [
        join(PROJECT_ROOT, "node_modules/typescript/bin/tsc"),
        "-p",
        "tsconfig.build.json",
        "--outDir",
        outDir,
      ],
      { cwd: PROJECT_ROOT, stdio: "pipe" },
    );
  } catch {
    // Type errors elsewhere in the tree still emit JavaScript.
  }
}, 120_000);

afterAll(() => {
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

/** Runs the bin with only the step's environment (and PATH), as the runner does. */
function runBin(env: Record<string, string | undefined>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [bin, "action"], {
      cwd: PROJECT_ROOT,
      env: { PATH: process.env.PATH, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("the deferbot bin: action", () => {
  it("syncs on a push event file and exits 0, logging JSON lines without the token", async () => {
    const sha = gitea.fake.setFile(REPO, DOC, renderRegister([findingSpec(1), findingSpec(2)]));
    const eventPath = writeEvent(
      actionsPushPayload({ after: sha, commits: [{ id: sha, modified: [DOC] }] }),
    );
    const run = await runBin(actionsEnv(gitea.fake, "push", eventPath, { LOG_LEVEL: "debug" }));

    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`sync ${REPO} at ${sha.slice(0, 12)}: success: 2 created`);
    const issues = gitea.fake.repo(REPO).issues.filter((issue) => issue.author === "deferbot");
    expect(issues.map((issue) => issue.title.slice(0, 7)).sort()).toEqual(["TD-001:", "TD-002:"]);
    const records = run.stderr
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { msg: string });
    expect(records.map((record) => record.msg)).toContain("sync finished");
    expect(run.stderr).not.toContain(BOT_TOKEN);
  });

  it("exits 2 with one line when started outside a workflow job", async () => {
    const run = await runBin({ DEFERBOT_TOKEN: BOT_TOKEN, GITEA_URL: gitea.fake.url });

    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(
      [
        "deferbot action: GITHUB_EVENT_NAME is not set: deferbot action runs as a step of a Gitea Actions job, whose runner sets it",
        "deferbot action: GITHUB_EVENT_PATH is not set: deferbot action runs as a step of a Gitea Actions job, whose runner sets it",
        "",
      ].join("\n"),
    );
    expect(gitea.fake.requests).toEqual([]);
  });
});
