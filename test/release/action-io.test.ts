/** The action's inputs, outputs and summary format (src/action/action-io.ts). */
import { describe, expect, it } from "vitest";
import {
  applyInputs,
  formatOutputs,
  formatStepSummary,
  input,
  stepOutputs,
  stepStatus,
} from "../../src/action/action-io.js";
import type { ActionOutcome } from "../../src/action/outcome.js";

const outcome: ActionOutcome = {
  eventName: "issue_comment",
  repo: "acme/widgets",
  routed: "queued",
  reason: null,
  syncs: [
    {
      repo: "acme/widgets",
      sha: "0123456789abcdef",
      state: "success",
      description: "1 created | 1 updated",
      counts: { created: 1, updated: 1, closed: 0, reopened: 0 },
    },
    { repo: "acme/widgets", sha: null, state: "error", description: "Gitea answered 502" },
  ],
  commands: { issue: 7, list: [{ name: "sync", ok: true }] },
  suggestedResolve: [],
  previews: [],
  problems: ["acme/widgets: Gitea answered 502"],
  exitCode: 3,
};

describe("the action's inputs", () => {
  it("are read as act names them: INPUT_ + upper case, `-` kept; empty is unset", () => {
    const env = { INPUT_TOKEN: " t0k ", "INPUT_LOG-LEVEL": "debug", INPUT_OTHER: "" };
    expect(input(env, "token")).toBe("t0k");
    expect(input(env, "log-level")).toBe("debug");
    expect(input(env, "other")).toBeUndefined();
  });

  it("put the token input before DEFERBOT_TOKEN and GITEA_TOKEN, and log-level before LOG_LEVEL", () => {
    const env = applyInputs({
      INPUT_TOKEN: "input",
      DEFERBOT_TOKEN: "secret",
      GITEA_TOKEN: "automatic",
      "INPUT_LOG-LEVEL": "warn",
      LOG_LEVEL: "debug",
    });
    expect(env.DEFERBOT_TOKEN).toBe("input");
    expect(env.LOG_LEVEL).toBe("warn");
    expect(applyInputs({ DEFERBOT_TOKEN: "secret", LOG_LEVEL: "debug" })).toEqual({
      DEFERBOT_TOKEN: "secret",
      LOG_LEVEL: "debug",
    });
  });
});

describe("the action's outputs", () => {
  it("sum the syncs' counts and give the status of the exit code", () => {
    expect(stepOutputs(3, outcome)).toEqual({
      created: 1,
      updated: 1,
      closed: 0,
      reopened: 0,
      status: "error",
    });
    expect([0, 1, 2, 3].map(stepStatus)).toEqual(["success", "failure", "error", "error"]);
    expect(formatOutputs(stepOutputs(0, null))).toBe(
      "created=0\nupdated=0\nclosed=0\nreopened=0\nstatus=success\n",
    );
  });
});

describe("the job summary", () => {
  it("has one table row per sync (pipes escaped), the commands and the problems", () => {
    const text = formatStepSummary(stepOutputs(3, outcome), outcome);
    expect(text).toContain(
      "| acme/widgets | `0123456789ab` | success: 1 created \\| 1 updated | 1 | 1 | 0 | 0 |",
    );
    expect(text).toContain("| acme/widgets | — | error: Gitea answered 502 | 0 | 0 | 0 | 0 |");
    expect(text).toContain("Commands on #7: `sync` (done).");
    expect(text).toContain("- acme/widgets: Gitea answered 502");
  });

  it("says why no sync ran", () => {
    const ignored = {
      ...outcome,
      syncs: [],
      commands: null,
      problems: [],
      routed: "ignored",
      reason: "sender is the bot",
      exitCode: 0,
    };
    expect(formatStepSummary(stepOutputs(0, ignored), ignored)).toContain(
      "No sync ran: the event was ignored (sender is the bot).",
    );
  });
});
