/**
 * `deferbot check [--config FILE] [REGISTER]`: offline, a configuration and a register checked
 * together, as the bot would read them. Exit codes as `plan`.
 */
import { Command } from "commander";
import { formatConfigErrors } from "../../core/config/format-config-errors.js";
import type { ConfigError } from "../../core/config/parse-repo-config.js";
import { formatDiagnostic } from "../format-plan.js";
import {
  type OfflineIo,
  type OfflineOptions,
  type OfflineReport,
  runOffline,
} from "../offline-report.js";
import { indent } from "./plan.js";

export type CheckOptions = Pick<OfflineOptions, "json" | "config">;

/** Without REGISTER: the configuration's `document` (default docs/deferred-errors.md). */
export function runCheck(
  register: string | undefined,
  options: CheckOptions,
  io: OfflineIo,
): Promise<number> {
  return runOffline({ command: "check", register, options, io, format: formatCheck });
}

function formatCheck(report: OfflineReport, configErrors: readonly ConfigError[]): string {
  const config = report.config ?? "configuration";
  const out = [
    report.config === null
      ? "no .gitea/deferbot.yml or .github/deferbot.yml: the defaults apply"
      : configErrors.length === 0
        ? `${config}: valid`
        : `${config}: ${configErrors.length} error${configErrors.length === 1 ? "" : "s"} (none of it is used)`,
  ];
  if (configErrors.length > 0) out.push(indent(formatConfigErrors(configErrors, config, "text")));
  const errors = report.diagnostics.filter((d) => d.severity === "error").length;
  const warnings = report.diagnostics.length - errors;
  out.push(
    `${report.file}: ${report.findings.length} finding${report.findings.length === 1 ? "" : "s"}, ${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}`,
  );
  for (const diagnostic of report.diagnostics)
    out.push(`  ${formatDiagnostic(report.file, diagnostic)}`);
  return `${out.join("\n")}\n`;
}

export function checkCommand(): Command {
  return new Command("check")
    .description("check a configuration and a register together, as the bot reads them (offline)")
    .argument(
      "[register]",
      "the register (default: the configuration's document, docs/deferred-errors.md)",
    )
    .option(
      "--config <file>",
      "the configuration (default: .gitea/deferbot.yml, then .github/deferbot.yml)",
    )
    .option("--json", "print the result as JSON")
    .action(async (register: string | undefined, options: CheckOptions) => {
      process.exitCode = await runCheck(register, options, {
        stdout: (text) => process.stdout.write(text),
        stderr: (text) => process.stderr.write(text),
      });
    });
}
