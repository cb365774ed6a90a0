/** `deferbot plan FILE [--json] [--id-pattern RE]`: offline, the issues a register would produce. */
import { readFile } from "node:fs/promises";
import { Command } from "commander";
import { DEFAULT_CONFIG } from "../../core/config/repo-config.js";
import { idPatternProblem } from "../../core/config/repo-config-schema.js";
import { parseRegister } from "../../core/document/parse-register.js";
import { formatPlan } from "../format-plan.js";
import { buildPlanReport, hasErrors } from "../plan-report.js";

export interface PlanOptions {
  json?: boolean;
  idPattern?: string;
}

export interface PlanIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readFile?: (path: string) => Promise<Uint8Array>;
}

/** Exit codes: 0 clean (warnings allowed), 1 an error diagnostic, 2 bad usage or unreadable file. */
export async function runPlan(file: string, options: PlanOptions, io: PlanIo): Promise<number> {
  if (options.idPattern !== undefined) {
    const problem = idPatternProblem(options.idPattern);
    if (problem) {
      io.stderr(`deferbot plan: --id-pattern ${JSON.stringify(options.idPattern)} ${problem}\n`);
      return 2;
    }
  }
  let bytes: Uint8Array;
  try {
    bytes = await (io.readFile ?? readFile)(file);
  } catch (error) {
    io.stderr(`deferbot plan: cannot read ${file}: ${readErrorText(error)}\n`);
    return 2;
  }
  const result = parseRegister(bytes, {
    idPattern: options.idPattern ?? DEFAULT_CONFIG.idPattern,
    fieldAliases: DEFAULT_CONFIG.fieldAliases,
    riskLevels: DEFAULT_CONFIG.riskLevels,
    maxBytes: DEFAULT_CONFIG.maxBytes,
  });
  const report = buildPlanReport(file, result, DEFAULT_CONFIG);
  io.stdout(options.json ? `${JSON.stringify(report, null, 2)}\n` : formatPlan(report));
  if (!hasErrors(report)) return 0;
  const errors = report.diagnostics.filter((d) => d.severity === "error").length;
  io.stderr(`deferbot plan: ${file} has ${errors} error${errors === 1 ? "" : "s"}\n`);
  return 1;
}

export function planCommand(): Command {
  return new Command("plan")
    .description("parse a findings register and print the issues it would produce (offline)")
    .argument("<file>", "the register, e.g. docs/deferred-errors.md")
    .option("--json", "print the plan as JSON (shape: docs/plan-json.md)")
    .option("--id-pattern <regexp>", "regular expression for finding IDs, e.g. '\\d+'")
    .action(async (file: string, options: PlanOptions) => {
      process.exitCode = await runPlan(file, options, {
        stdout: (text) => process.stdout.write(text),
        stderr: (text) => process.stderr.write(text),
      });
    });
}

function readErrorText(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (code === "ENOENT") return "no such file";
  if (code === "EISDIR") return "it is a directory";
  if (code === "EACCES") return "permission denied";
  return error instanceof Error ? error.message : String(error);
}
