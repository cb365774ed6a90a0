/**
 * The one reply comment to a comment with commands. One command: its outcome. Several: one
 * section per command, headed by the command as typed. The command list is added once at the end
 * when any command asked for it (help, or a command the bot did not know), and a configuration
 * with errors is mentioned, since the defaults are then in use (SPEC §6).
 */
import type { Command } from "../core/commands/command.js";
import { helpText } from "../core/commands/help-text.js";
import { formatConfigErrors } from "../core/config/parse-repo-config.js";
import type { LoadedConfig } from "../sync/load-repo-config.js";
import type { CommandOutcome } from "./context.js";
import { code } from "./text.js";

export interface RanCommand {
  command: Command;
  outcome: CommandOutcome;
}

export function renderReply(
  ran: readonly RanCommand[],
  options: { prefix: string; skipped: number; loaded: LoadedConfig },
): string {
  const parts =
    ran.length === 1
      ? ran.map(({ outcome }) => outcome.text)
      : ran.map(({ command, outcome }) => `**${code(command.raw)}**\n\n${outcome.text}`);
  if (options.skipped > 0)
    parts.push(
      `Only the first ${ran.length} commands of a comment are run; ${options.skipped} more ${options.skipped === 1 ? "was" : "were"} skipped.`,
    );
  if (ran.some(({ outcome }) => outcome.showHelp))
    parts.push(
      ran.length === 1 ? helpText(options.prefix) : `**Commands**\n\n${helpText(options.prefix)}`,
    );
  const { errors, path } = options.loaded;
  if (errors.length > 0)
    parts.push(
      `Note: the configuration has errors, so the defaults are in use:\n\n${formatConfigErrors(errors, path ?? "config", "markdown")}`,
    );
  return parts.join("\n\n");
}
