/**
 * The JavaScript action's side of a job step (action.yml): its inputs arrive as `INPUT_*`
 * variables, its outputs go to the file at `$GITHUB_OUTPUT` and its job summary to the file at
 * `$GITHUB_STEP_SUMMARY` (Gitea shows the summary from 1.27 only; the log and the commit status
 * carry the same). Around that, the event is handled exactly as `deferbot action` does.
 */
import { appendFileSync } from "node:fs";
import type { ActionOutcome } from "./outcome.js";
import { type ActionIo, runAction } from "./run-action.js";
import { addCounts, NO_COUNTS, type SyncCounts } from "./sync-counts.js";

type Env = Record<string, string | undefined>;

/**
 * The runner names an input `INPUT_` + its name upper-cased, spaces as `_` and `-` kept
 * (act: `INPUT_LOG-LEVEL`); an input left empty is unset.
 */
export function input(env: Env, name: string): string | undefined {
  const variable = `INPUT_${name.replaceAll(" ", "_").toUpperCase()}`;
  const value = env[variable]?.trim();
  return value === undefined || value === "" ? undefined : value;
}

/** The step's environment with the inputs applied: `token` wins over DEFERBOT_TOKEN and GITEA_TOKEN. */
export function applyInputs(env: Env): Env {
  const token = input(env, "token");
  const logLevel = input(env, "log-level");
  return {
    ...env,
    ...(token === undefined ? {} : { DEFERBOT_TOKEN: token }),
    ...(logLevel === undefined ? {} : { LOG_LEVEL: logLevel }),
  };
}

export type StepStatus = "success" | "failure" | "error";

/** The `status` output from the exit code: 1 is the document's or configuration's error. */
export function stepStatus(exitCode: number): StepStatus {
  return exitCode === 0 ? "success" : exitCode === 1 ? "failure" : "error";
}

export interface StepOutputs extends SyncCounts {
  status: StepStatus;
}

export function stepOutputs(exitCode: number, outcome: ActionOutcome | null): StepOutputs {
  const counts = (outcome?.syncs ?? []).reduce(
    (sum, sync) => addCounts(sum, sync.counts ?? NO_COUNTS),
    NO_COUNTS,
  );
  return { ...counts, status: stepStatus(exitCode) };
}

/** `name=value` lines, the `$GITHUB_OUTPUT` format for values without a newline. */
export function formatOutputs(outputs: StepOutputs): string {
  return Object.entries(outputs)
    .map(([name, value]) => `${name}=${value}\n`)
    .join("");
}

const cell = (text: string) => text.replaceAll("|", "\\|").replaceAll("\n", " ");

/** The job summary (Markdown). */
export function formatStepSummary(outputs: StepOutputs, outcome: ActionOutcome | null): string {
  if (outcome === null) {
    return `### deferbot\n\nThe event was not handled (status **${outputs.status}**): the step's log says why.\n`;
  }
  const where = outcome.repo ? ` on ${outcome.repo}` : "";
  const lines = [`### deferbot: ${outcome.eventName}${where}`, ""];
  if (outcome.syncs.length === 0) {
    const why = outcome.reason ? ` (${outcome.reason})` : "";
    lines.push(`No sync ran: the event was ${outcome.routed}${why}.`, "");
  } else {
    lines.push(
      "| repository | commit | status | created | updated | closed | reopened |",
      "| --- | --- | --- | ---: | ---: | ---: | ---: |",
    );
    for (const sync of outcome.syncs) {
      const c = sync.counts ?? NO_COUNTS;
      const sha = sync.sha ? `\`${sync.sha.slice(0, 12)}\`` : "—";
      lines.push(
        `| ${cell(sync.repo)} | ${sha} | ${sync.state}: ${cell(sync.description)} | ${c.created} | ${c.updated} | ${c.closed} | ${c.reopened} |`,
      );
    }
    lines.push("");
  }
  if (outcome.commands) {
    const on = outcome.commands.issue === null ? "" : ` on #${outcome.commands.issue}`;
    const list = outcome.commands.list
      .map((command) => `\`${command.name}\` (${command.ok ? "done" : "not done"})`)
      .join(", ");
    lines.push(`Commands${on}: ${list || "none"}.`, "");
  }
  for (const issue of outcome.suggestedResolve) lines.push(`Suggested resolve on #${issue}.`, "");
  if (outcome.problems.length > 0) {
    lines.push("Problems:", "", ...outcome.problems.map((problem) => `- ${problem}`), "");
  }
  return `${lines.join("\n")}\n`;
}

export type StepIo = Omit<ActionIo, "env" | "onOutcome"> & {
  env: Env;
  appendFile?: (path: string, text: string) => void;
};

/** One run of the action's step: the event handled, then outputs and summary written. */
export async function runActionStep(io: StepIo): Promise<number> {
  const { env, appendFile = appendFileSync, ...rest } = io;
  const fromInput = input(env, "token") !== undefined;
  let outcome: ActionOutcome | null = null;
  const exitCode = await runAction({
    ...rest,
    env: applyInputs(env),
    // Messages name the variable the token came from; with the input, that is the input.
    stderr: (text) =>
      io.stderr(fromInput ? text.replaceAll("DEFERBOT_TOKEN", "the token input") : text),
    onOutcome: (result) => {
      outcome = result;
    },
  });
  const outputs = stepOutputs(exitCode, outcome);
  const outputFile = env.GITHUB_OUTPUT;
  if (outputFile) appendFile(outputFile, formatOutputs(outputs));
  const summaryFile = env.GITHUB_STEP_SUMMARY;
  if (summaryFile) appendFile(summaryFile, formatStepSummary(outputs, outcome));
  return exitCode;
}
