/** Configuration errors written for a person: one line for a commit status, or a Markdown list. */
import type { ConfigError } from "./parse-repo-config.js";

export type ConfigErrorFormat = "line" | "markdown";

/**
 * `line`: `.gitea/deferbot.yml: maxCreates: must be a positive integer (line 7)`, then
 * `(and N more)` when there are several. `markdown`: one list item per error, key in code.
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
  const [first] = errors;
  if (!first) return "";
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : "";
  const line = first.line === undefined ? "" : ` (line ${first.line})`;
  return `${path}: ${subject(first, "")}${first.reason}${line}${more}`;
}

function at(error: ConfigError): string {
  return error.line === undefined ? "" : ` line ${error.line}`;
}

function subject(error: ConfigError, quote: string): string {
  return error.key === "(file)" ? "" : `${quote}${error.key}${quote}: `;
}
