/**
 * The run `deferbot plan` and `deferbot check` share: a configuration and a register read from
 * disk, the register parsed as the bot would with that configuration, and one exit code
 * (SPEC §9). With `--json`, stdout is one JSON object, also on failure (`error`, `exitCode`).
 */
import { type ConfigDiagnostic, configDiagnostics } from "../core/config/format-config-errors.js";
import { idPatternProblem } from "../core/config/id-pattern-problem.js";
import type { ConfigError } from "../core/config/parse-repo-config.js";
import { parsePlainFirst } from "../core/document/parse-plain-first.js";
import { type ExitCode, exitCodes } from "./exit-codes.js";
import { type ReadBytes, readConfigFile, readRegisterFile } from "./offline-inputs.js";
import { buildPlanReport, hasErrors, type PlanReport } from "./plan-report.js";

export interface OfflineOptions {
  json?: boolean;
  /** A configuration file; without it `plan` uses the defaults and `check` looks for one. */
  config?: string;
  idPattern?: string;
}

export interface OfflineIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readFile?: ReadBytes;
}

export interface OfflineReport extends PlanReport {
  /** The configuration file applied, or null for the defaults. */
  config: string | null;
  configDiagnostics: ConfigDiagnostic[];
  exitCode: ExitCode;
}

export interface OfflineRun {
  command: "plan" | "check";
  /** The register; undefined: the configuration's `document`. */
  register: string | undefined;
  options: OfflineOptions;
  io: OfflineIo;
  /** The readable output of a report. */
  format: (report: OfflineReport, configErrors: readonly ConfigError[]) => string;
}

export async function runOffline(run: OfflineRun): Promise<ExitCode> {
  const { command, options, io } = run;
  const fail = (line: string): ExitCode => {
    if (options.json)
      io.stdout(
        `${JSON.stringify({ version: 1, error: line, exitCode: exitCodes.usage }, null, 2)}\n`,
      );
    io.stderr(`deferbot ${command}: ${line}\n`);
    return exitCodes.usage;
  };
  if (options.idPattern !== undefined) {
    const problem =
      options.idPattern === "" ? "must not be empty" : idPatternProblem(options.idPattern);
    if (problem) return fail(`--id-pattern ${JSON.stringify(options.idPattern)} ${problem}`);
  }
  const read = io.readFile ? { read: io.readFile } : {};
  const loaded = await readConfigFile(options.config, { lookUp: command === "check", ...read });
  if (!loaded.ok) return fail(loaded.error);
  const { config, errors, path: configPath } = loaded.value;
  const file = run.register ?? config.document;
  const register = await readRegisterFile(file, io.readFile);
  if (!register.ok) return fail(register.error);
  const result = await parsePlainFirst(register.bytes, {
    idPattern: options.idPattern ?? config.idPattern,
    fieldAliases: config.fieldAliases,
    riskLevels: config.riskLevels,
    maxBytes: config.maxBytes,
  });
  const plan = buildPlanReport(file, result, config);
  const invalid = errors.length > 0 || hasErrors(plan);
  const report: OfflineReport = {
    ...plan,
    config: configPath,
    configDiagnostics: configDiagnostics(errors),
    exitCode: invalid ? exitCodes.invalid : exitCodes.ok,
  };
  io.stdout(options.json ? `${JSON.stringify(report, null, 2)}\n` : run.format(report, errors));
  if (!invalid) return exitCodes.ok;
  const documentErrors = plan.diagnostics.filter((d) => d.severity === "error").length;
  const parts = [
    ...(errors.length > 0 ? [`${configPath} has ${count(errors.length, "error")}`] : []),
    ...(documentErrors > 0 ? [`${file} has ${count(documentErrors, "error")}`] : []),
  ];
  io.stderr(`deferbot ${command}: ${parts.join("; ")}\n`);
  return exitCodes.invalid;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
