/**
 * The JavaScript action as a runner starts it: action.yml's `main` (the committed bundle) in a
 * child process with the step's variables, on a push event, against the Gitea fake.
 */
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { actionsEnv, actionsPushPayload, BOT_TOKEN, writeEvent } from "../action/helpers.js";
import { useGiteaFake } from "../support/gitea-fake/vitest.js";
import { findingSpec, renderRegister } from "../support/register.js";
import { PROJECT_ROOT } from "../support/shared.js";
import { DOC, REPO } from "../support/sync-harness.js";
import { trackingIssues } from "../support/tracking-issues.js";
import { tempDir } from "./bundles.js";

const gitea = useGiteaFake();
const main = join(
  PROJECT_ROOT,
  (parse(readFileSync(join(PROJECT_ROOT, "action.yml"), "utf8")) as { runs: { main: string } }).runs
    .main,
);

interface StepRun {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: string;
  summary: string;
}

/** Runs `main` with only the step's variables (and PATH), as act does; empty step files first. */
function runStep(env: Record<string, string | undefined>, nodeArgs: string[] = []) {
  const dir = tempDir("deferbot-step-");
  const outputFile = join(dir, "output");
  const summaryFile = join(dir, "summary");
  writeFileSync(outputFile, "");
  writeFileSync(summaryFile, "");
  return new Promise<StepRun>((resolve) => {
    const child = spawn(process.execPath, [...nodeArgs, main], {
      cwd: dir,
      env: {
        PATH: process.env.PATH,
        GITHUB_OUTPUT: outputFile,
        GITHUB_STEP_SUMMARY: summaryFile,
        ...env,
      },
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
    child.on("exit", (code) =>
      resolve({
        code,
        stdout,
        stderr,
        outputs: readFileSync(outputFile, "utf8"),
        summary: readFileSync(summaryFile, "utf8"),
      }),
    );
  });
}

function pushEvent(sha: string): string {
  return writeEvent(actionsPushPayload({ after: sha, commits: [{ id: sha, modified: [DOC] }] }));
}

describe("action.yml's main on a push", () => {
  it("syncs with the token input, writes the outputs and the job summary", async () => {
    const sha = gitea.fake.setFile(REPO, DOC, renderRegister([findingSpec(1), findingSpec(2)]));
    const run = await runStep(
      actionsEnv(gitea.fake, "push", pushEvent(sha), {
        INPUT_TOKEN: BOT_TOKEN,
        // The input wins over both variables.
        DEFERBOT_TOKEN: "not-the-bot-token",
        GITEA_TOKEN: "automatic-job-token",
        "INPUT_LOG-LEVEL": "warn",
        LOG_LEVEL: "debug",
      }),
    );

    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const issues = trackingIssues(gitea.fake.repo(REPO).issues);
    expect(issues.map((issue) => issue.title.slice(0, 7)).sort()).toEqual(["TD-001:", "TD-002:"]);
    expect(run.outputs).toBe("created=2\nupdated=0\nclosed=0\nreopened=0\nstatus=success\n");
    expect(run.summary).toContain(`### deferbot: push on ${REPO}`);
    expect(run.summary).toContain(
      `| ${REPO} | \`${sha.slice(0, 12)}\` | success: 2 created, 0 updated, 0 closed, 0 unchanged | 2 | 0 | 0 | 0 |`,
    );
  });

  it("counts closes on the next push, and says status=failure when the register has an error", async () => {
    const first = gitea.fake.setFile(REPO, DOC, renderRegister([findingSpec(1), findingSpec(2)]));
    const env = (sha: string) =>
      actionsEnv(gitea.fake, "push", pushEvent(sha), { INPUT_TOKEN: BOT_TOKEN });
    expect((await runStep(env(first))).code).toBe(0);

    const second = gitea.fake.setFile(REPO, DOC, renderRegister([findingSpec(1)]));
    const closing = await runStep(env(second));
    expect(closing.code).toBe(0);
    expect(closing.outputs).toBe("created=0\nupdated=0\nclosed=1\nreopened=0\nstatus=success\n");

    const broken = gitea.fake.setFile(
      REPO,
      DOC,
      `${renderRegister([findingSpec(1)])}\n## TD-001: the same ID again\n\nRisk: high\n`,
    );
    const failing = await runStep(env(broken));
    expect(failing.code).toBe(1);
    expect(failing.outputs).toMatch(/status=failure\n$/);
    expect(failing.summary).toContain("| failure: ");
  });

  it("refuses the job's automatic token given as the input, naming the input", async () => {
    gitea.fake.addUser({ login: "gitea-actions", token: "automatic-job-token" });
    const sha = gitea.fake.setFile(REPO, DOC, renderRegister([findingSpec(1)]));
    const run = await runStep(
      actionsEnv(gitea.fake, "push", pushEvent(sha), {
        DEFERBOT_TOKEN: undefined,
        INPUT_TOKEN: "automatic-job-token",
      }),
    );

    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^deferbot action: the token input is the job's automatic token \(user gitea-actions\)/,
    );
    expect(run.stderr).not.toContain("DEFERBOT_TOKEN");
    expect(gitea.fake.writes()).toEqual([]);
    expect(run.outputs).toBe("created=0\nupdated=0\nclosed=0\nreopened=0\nstatus=error\n");
    expect(run.summary).toContain("was not handled (status **error**)");
  });

  it("exits 2 with one line on a Node older than 20.19, before doing anything", async () => {
    const sha = gitea.fake.setFile(REPO, DOC, renderRegister([findingSpec(1)]));
    const run = await runStep(
      actionsEnv(gitea.fake, "push", pushEvent(sha), { INPUT_TOKEN: BOT_TOKEN }),
      [
        "--import",
        'data:text/javascript,Object.defineProperty(process.versions,"node",{value:"20.18.1"})',
      ],
    );

    expect(run.code).toBe(2);
    expect(run.stderr.split("\n").filter(Boolean)).toEqual([
      "deferbot action: Node 20.18.1 is too old: deferbot needs Node 20.19 or later (supported: 20.19+, 22, 24); the job's image runs this action with its own node: use an image with Node 20.19 or later",
    ]);
    expect(gitea.fake.requests).toEqual([]);
    expect(run.outputs).toBe("");
  });
});
