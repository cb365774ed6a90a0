/** examples/workflows/deferbot.yml: valid YAML, the triggers deferbot handles, the bot's token. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ACTION_EVENTS } from "../../src/action/read-event.js";
import { CONFIG_PATHS } from "../../src/core/config/parse-repo-config.js";
import { DEFAULT_CONFIG } from "../../src/core/config/repo-config.js";
import { VERSION } from "../../src/version.js";
import { PROJECT_ROOT } from "../support/shared.js";

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}

interface Workflow {
  on: Record<string, { branches?: string[]; paths?: string[]; types?: string[] }>;
  concurrency?: { group: string; "cancel-in-progress": boolean };
  jobs: Record<string, { if?: string; "runs-on": string; steps: Step[] }>;
}

const text = readFileSync(join(PROJECT_ROOT, "examples/workflows/deferbot.yml"), "utf8");
const workflow = parse(text) as Workflow;
const jobs = Object.values(workflow.jobs);
const steps = jobs.flatMap((job) => job.steps);
/** The step using deferbot's JavaScript action (action.yml at the repository's root). */
const actionStep = steps.find((step) => /\/deferbot@v\d+\.\d+\.\d+$/.test(step.uses ?? ""));
/** A workflow expression as written in the file, `${{ … }}`. */
const expression = (inner: string) => `\${{ ${inner} }}`;

describe("examples/workflows/deferbot.yml", () => {
  it("triggers on pushes of the document or the configuration to the default branch", () => {
    const push = workflow.on.push;
    expect(push?.branches).toEqual(["main"]);
    expect(push?.paths).toEqual([DEFAULT_CONFIG.document, ...CONFIG_PATHS]);
  });

  it("triggers on issue edits and new comments, and only on events deferbot handles", () => {
    expect(workflow.on.issues?.types).toEqual(["edited"]);
    expect(workflow.on.issue_comment?.types).toEqual(["created"]);
    for (const event of Object.keys(workflow.on)) expect(ACTION_EVENTS).toContain(event);
  });

  it("has one job on ubuntu-latest with one step: the action at this version's tag, installing nothing", () => {
    expect(jobs).toHaveLength(1);
    expect(jobs[0]?.["runs-on"]).toBe("ubuntu-latest");
    expect(steps).toEqual([actionStep]);
    expect(actionStep?.uses).toBe(`https://git.example.com/tools/deferbot@v${VERSION}`);
    expect(steps.some((step) => step.run !== undefined)).toBe(false);
  });

  it("says the job's image needs Node 20.19 or later", () => {
    expect(text).toContain("Node 20.19 or later");
  });

  it("passes the bot user's token from the DEFERBOT_TOKEN secret, never the automatic token", () => {
    expect(actionStep?.with).toEqual({ token: expression("secrets.DEFERBOT_TOKEN") });
    expect(text).not.toMatch(/secrets\.(GITEA|GITHUB)_TOKEN|github\.token|gitea\.token/);
  });

  it("skips the bot's own events and comments without the default command prefix", () => {
    const condition = jobs[0]?.if ?? "";
    expect(condition).toContain("github.event.sender.login != 'deferbot'");
    expect(condition).toContain(
      `contains(github.event.comment.body, '${DEFAULT_CONFIG.commandPrefix}')`,
    );
    expect(condition).not.toContain("\n");
  });

  it("queues runs per repository, event and ref (one group for all events can cancel a comment run on Gitea 1.26)", () => {
    expect(workflow.concurrency).toEqual({
      group: `deferbot-${expression("github.repository")}-${expression("github.event_name")}-${expression("github.ref")}`,
      "cancel-in-progress": false,
    });
  });

  it("runs a nightly full sync, and one by hand, which the job's condition lets through", () => {
    const on = workflow.on as Record<string, unknown>;
    expect(on.schedule).toEqual([{ cron: expect.stringMatching(/^\d+ \d+ \* \* \*$/) }]);
    expect("workflow_dispatch" in on).toBe(true);
    const condition = String((workflow.jobs as Record<string, { if?: string }>).deferbot?.if);
    expect(condition).toContain("github.event_name == 'schedule'");
    expect(condition).toContain("github.event_name == 'workflow_dispatch'");
  });
});
