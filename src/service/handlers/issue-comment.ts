/**
 * `issue_comment` created (SPEC §5): the commands in a comment, run in order, answered in one
 * reply comment, with reactions on the comment — `eyes` at once, then `+1` when every command
 * succeeded, `confused` on any refusal or failure.
 *
 * Nothing is sent for a comment without commands, once the repository's configuration (for the
 * prefix) is cached, and nothing at all for the bot's own comments (loop guard; the server
 * filters them too).
 */
import type { Logger } from "pino";
import type { WriteAccess } from "../../commands/authorise.js";
import { writeAccess } from "../../commands/authorise.js";
import type { CommandContext } from "../../commands/context.js";
import { type RanCommand, renderReply } from "../../commands/reply.js";
import { runCommand } from "../../commands/run-command.js";
import { trackedFindingId } from "../../commands/tracking-issue.js";
import { parseCommands } from "../../core/commands/parse-commands.js";
import type { Forge, Reaction } from "../../port/forge.js";
import type { Deferbot } from "../deferbot.js";
import type { DeferbotEvent } from "../events.js";
import type { IssueCommentPayload } from "../webhook-payloads.js";

/** Commands run per comment; the rest are named in the reply and skipped. */
export const MAX_COMMANDS_PER_COMMENT = 5;

export async function handleIssueComment(
  bot: Deferbot,
  payload: IssueCommentPayload,
  log: Logger,
): Promise<DeferbotEvent | undefined> {
  if (payload.action !== "created") return undefined;
  if (bot.isSelf(payload.sender.login) || bot.isSelf(payload.comment.user.login)) return undefined;
  const fullName = payload.repository.full_name;
  const handle = bot.repo(fullName);
  // The cache ignores the ref once loaded; the branch name avoids a head lookup on first use.
  const loaded = await handle.configs.get(payload.repository.default_branch);
  const commands = parseCommands(payload.comment.body, loaded.config.commandPrefix);
  if (commands.length === 0) return undefined;

  const commentLog = log.child({
    repo: fullName,
    issue: payload.issue.number,
    comment: payload.comment.id,
  });
  await react(handle.forge, payload.comment.id, "eyes", commentLog);
  const ctx: CommandContext = {
    bot,
    fullName,
    handle,
    loaded,
    config: loaded.config,
    payload,
    findingId: trackedFindingId(payload.issue, bot, loaded.config.idPattern),
    log: commentLog,
  };
  let access: Promise<WriteAccess> | undefined;
  const accessOnce = () => {
    access ??= writeAccess(ctx);
    return access;
  };

  const ran: RanCommand[] = [];
  for (const command of commands.slice(0, MAX_COMMANDS_PER_COMMENT)) {
    ran.push({ command, outcome: await runCommand(ctx, command, accessOnce) });
  }
  const skipped = Math.max(0, commands.length - MAX_COMMANDS_PER_COMMENT);
  let ok = skipped === 0 && ran.every(({ outcome }) => outcome.ok);
  let replyError: string | undefined;
  try {
    await handle.forge.comment(
      payload.issue.number,
      renderReply(ran, { prefix: loaded.config.commandPrefix, skipped, loaded }),
    );
  } catch (error) {
    ok = false;
    replyError = error instanceof Error ? error.message : String(error);
    commentLog.error({ err: error }, "could not reply to the command comment");
  }
  const list = ran.map(({ command, outcome }) => ({
    name: command.name,
    ok: outcome.ok,
    ...(outcome.error === undefined ? {} : { error: outcome.error }),
  }));
  commentLog.info({ commands: list.map(({ name, ok }) => ({ name, ok })) }, "commands handled");
  await react(handle.forge, payload.comment.id, ok ? "+1" : "confused", commentLog);
  return {
    type: "commands-handled",
    repo: fullName,
    issue: payload.issue.number,
    commands: list,
    ...(replyError === undefined ? {} : { replyError }),
  };
}

/** A reaction is an acknowledgement only: failing to give one never stops the commands. */
async function react(forge: Forge, commentId: number, content: Reaction, log: Logger) {
  try {
    await forge.reactToComment(commentId, content);
  } catch (error) {
    log.warn({ err: error, reaction: content }, "could not react to the command comment");
  }
}
