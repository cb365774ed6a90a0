/** The built `deferbot` bin running `action` as a workflow step would, against the Gitea fake. */
import { spawn } from "node:child_process";
import { describe, expect, inject, it } from "vitest";
import { useGiteaFake } from "../support/gitea-fake/vitest.js";
import { findingSpec, renderRegister } from "../support/register.js";
import { PROJECT_ROOT } from "../support/shared.js";
import { DOC, REPO } from "../support/sync-harness.js";
import { actionsEnv, actionsPushPayload, BOT_TOKEN, writeEvent } from "./helpers.js";

const gitea = useGiteaFake();
const bin = inject("deferbotBin");

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
    const issues = gitea.fake
      .repo(REPO)
      .issues.filter((issue) => issue.author === "deferbot" && issue.title.startsWith("TD-"));
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
