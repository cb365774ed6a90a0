/**
 * Configuration errors written for each place that shows them (SPEC §6: every mistake, with its
 * key, line and column): `diagnostics` for `--json`, in the shape of a document's diagnostics
 * plus `key`; `text`, one line each for the command line; `line`, the first and how many more,
 * for a commit status; `markdown`, a list for a comment.
 */
import type { ConfigError, ConfigErrorCode } from "./parse-repo-config.js";

export type ConfigErrorFormat = "line" | "text" | "markdown";

/** A configuration error as `--json` prints it, beside the document's diagnostics. */
export interface ConfigDiagnostic {
  severity: "error";
  code: ConfigErrorCode;
  /** The key as a path (`labels.bot`), or `(file)`. */
  key: string;
  message: string;
  /** 1-based line in the file; 1 for a file-wide error whose place is not known. */
  line: number;
  /** 1-based column, where known. */
  column?: number;
}

export function configDiagnostics(errors: readonly ConfigError[]): ConfigDiagnostic[] {
  return errors.map((error) => ({
    severity: "error",
    code: error.code ?? "config-unreadable",
    key: error.key,
    message: error.reason,
    line: error.line ?? 1,
    ...(error.column === undefined ? {} : { column: error.column }),
  }));
}

/**
 * `line`: `.gitea/deferbot.yml:7:1: maxCreates: must be a positive integer (and 2 more)`.
 * `text`: `.gitea/deferbot.yml:7:1 error config-invalid-value maxCreates: must be …`, one line
 * per error, the shape of `deferbot plan`'s document diagnostics. `markdown`: one list item per
 * error, key in code.
 */
export function formatConfigErrors(
  errors: readonly ConfigError[],
  path: string,
  format: ConfigErrorFormat = "line",
): string {
  if (format === "markdown") {
    return errors
      .map((error) => `- \`${path}\`${at(error)}: ${subject(error, "`")}${error.reason}`)
      .join("\n");
  }
  if (format === "text")
    return configDiagnostics(errors)
      .map((diagnostic) => formatConfigDiagnostic(path, diagnostic))
      .join("\n");
  const [first] = errors;
  if (!first) return "";
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : "";
  return `${place(path, first)}: ${subject(first, "")}${first.reason}${more}`;
}

/** `path:line:col severity code key: message`, as `deferbot plan` writes a document's. */
export function formatConfigDiagnostic(path: string, diagnostic: ConfigDiagnostic): string {
  const { line, column, severity, code, message } = diagnostic;
  return `${path}:${line}:${column ?? 1} ${severity} ${code} ${subject(diagnostic, "")}${message}`;
}

/** `path:line:column`, or as much of it as is known. */
function place(path: string, error: ConfigError | undefined): string {
  if (error?.line === undefined) return path;
  return `${path}:${error.line}${error.column === undefined ? "" : `:${error.column}`}`;
}

function at(error: ConfigError): string {
  if (error.line === undefined) return "";
  return ` line ${error.line}${error.column === undefined ? "" : `, column ${error.column}`}`;
}

function subject(error: { key: string }, quote: string): string {
  return error.key === "(file)" ? "" : `${quote}${error.key}${quote}: `;
}
