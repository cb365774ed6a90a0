/** `deferbot plan FILE [--json] [--config FILE] [--id-pattern RE]`: offline, the issues a register would produce. */
import { Command } from "commander";
import { formatConfigErrors } from "../../core/config/format-config-errors.js";
import { formatPlan } from "../format-plan.js";
import { type OfflineIo, type OfflineOptions, runOffline } from "../offline-report.js";

export type PlanOptions = OfflineOptions;
export type PlanIo = OfflineIo;

/** Exit codes: 0 clean (warnings allowed), 1 an error in the register or the configuration, 2 bad usage or an unreadable file. */
export function runPlan(file: string, options: PlanOptions, io: PlanIo): Promise<number> {
  return runOffline({
    command: "plan",
    register: file,
    options,
    io,
    format: (report, configErrors) => {
      const text = formatPlan(report);
      if (configErrors.length === 0) return text;
      const lines = formatConfigErrors(configErrors, report.config ?? "config", "text");
      return `${text}\nConfiguration (none of it used):\n${indent(lines)}\n`;
    },
  });
}

export function planCommand(): Command {
  return new Command("plan")
    .description("parse a findings register and print the issues it would produce (offline)")
    .argument("<file>", "the register, e.g. docs/deferred-errors.md")
    .option("--json", "print the plan as JSON (shape: docs/plan-json.md)")
    .option("--config <file>", "apply this .gitea/deferbot.yml (default: the defaults)")
    .option("--id-pattern <regexp>", "regular expression for finding IDs, e.g. '\\d+'")
    .action(async (file: string, options: PlanOptions) => {
      process.exitCode = await runPlan(file, options, {
        stdout: (text) => process.stdout.write(text),
        stderr: (text) => process.stderr.write(text),
      });
    });
}

export function indent(lines: string): string {
  return lines
    .split("\n")
    .map((line) => `  ${line}`)
    .join("\n");
}
