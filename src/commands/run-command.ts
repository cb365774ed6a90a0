/**
 * One command, checked in this order: unknown → help; a tracking-issue command on another issue →
 * says so; a writing command from someone without write access → polite refusal; else it runs.
 * A command that throws becomes a failure reply; the comment's other commands still run.
 */
import {
  COMMANDS_NEEDING_WRITE,
  type Command,
  type CommandName,
  TRACKED_ONLY,
} from "../core/commands/command.js";
import { GiteaError } from "../gitea/errors.js";
import { refusalText, type WriteAccess } from "./authorise.js";
import type { CommandContext, CommandOutcome } from "./context.js";
import { failed } from "./context.js";
import { runHelp, unknownCommand } from "./help-command.js";
import { runIgnore, runUnignore } from "./ignore-command.js";
import { runRefresh } from "./refresh-command.js";
import { runResolve } from "./resolve-command.js";
import { runStatus } from "./status-command.js";
import { runSync } from "./sync-command.js";
import { code } from "./text.js";

type TrackedRunner = (ctx: CommandContext, id: string) => Promise<CommandOutcome>;

const TRACKED_RUNNERS: Record<Exclude<CommandName, "help" | "sync">, TrackedRunner> = {
  refresh: runRefresh,
  status: runStatus,
  ignore: runIgnore,
  unignore: runUnignore,
  resolve: runResolve,
};

/** Write access is asked once per comment, and only when a command needs it. */
export type AccessCheck = () => Promise<WriteAccess>;

export async function runCommand(
  ctx: CommandContext,
  command: Command,
  access: AccessCheck,
): Promise<CommandOutcome> {
  const { name } = command;
  if (name === "unknown") return unknownCommand(command);
  if (TRACKED_ONLY.has(name) && ctx.findingId === null)
    return failed(
      `${code(`${ctx.config.commandPrefix} ${name}`)} works only on a tracking issue (one deferbot opened for a finding of ${code(ctx.config.document)}), and this is not one.`,
    );
  try {
    if (COMMANDS_NEEDING_WRITE.has(name)) {
      const granted = await access();
      if (!granted.allowed) {
        ctx.log.info(
          { command: name, user: ctx.payload.sender.login, access: granted },
          "command refused",
        );
        return failed(refusalText(code(`${ctx.config.commandPrefix} ${name}`), granted));
      }
    }
    if (name === "help") return await runHelp();
    if (name === "sync") return await runSync(ctx, command);
    return await TRACKED_RUNNERS[name](ctx, ctx.findingId ?? "");
  } catch (error) {
    ctx.log.error({ err: error, command: name }, "command failed");
    const why =
      error instanceof GiteaError ? code(error.message) : "an unexpected error (see the bot's log)";
    return {
      ...failed(
        `${code(`${ctx.config.commandPrefix} ${name}`)} failed: ${why}. It is safe to run it again.`,
      ),
      error: error instanceof Error ? error.message : String(error),
    };
  }
}
