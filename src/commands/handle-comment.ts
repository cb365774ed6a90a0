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
import { parseCommands } from "../core/commands/parse-commands.js";
import { createCommentReaction, type GiteaReaction } from "../gitea/reactions.js";
import type { Deferbot, RepoHandle } from "../service/deferbot.js";
import type { IssueCommentPayload } from "../service/webhook-payloads.js";
import type { WriteAccess } from "./authorise.js";
import { writeAccess } from "./authorise.js";
import type { CommandContext } from "./context.js";
import { type RanCommand, renderReply } from "./reply.js";
import { runCommand } from "./run-command.js";
import { trackedFindingId } from "./tracking-issue.js";

/** Commands run per comment; the rest are named in the reply and skipped. */
export const MAX_COMMANDS_PER_COMMENT = 5;

export async function handleIssueComment(
  bot: Deferbot,
  payload: IssueCommentPayload,
  log: Logger,
): Promise<void> {
  if (payload.action !== "created") return;
  if (bot.isSelf(payload.sender.login) || bot.isSelf(payload.comment.user.login)) return;
  const fullName = payload.repository.full_name;
  const handle = bot.repo(fullName);
  // The cache ignores the ref once loaded; the branch name avoids a head lookup on first use.
  const loaded = await handle.configs.get(payload.repository.default_branch);
  const commands = parseCommands(payload.comment.body, loaded.config.commandPrefix);
  if (commands.length === 0) return;

  const commentLog = log.child({
    repo: fullName,
    issue: payload.issue.number,
    comment: payload.comment.id,
  });
  await react(handle, payload.comment.id, "eyes", commentLog);
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
  try {
    await handle.gateway.comment(
      payload.issue.number,
      renderReply(ran, { prefix: loaded.config.commandPrefix, skipped, loaded }),
    );
  } catch (error) {
    ok = false;
    commentLog.error({ err: error }, "could not reply to the command comment");
  }
  commentLog.info(
    { commands: ran.map(({ command, outcome }) => ({ name: command.name, ok: outcome.ok })) },
    "commands handled",
  );
  await react(handle, payload.comment.id, ok ? "+1" : "confused", commentLog);
}

/** A reaction is an acknowledgement only: failing to give one never stops the commands. */
async function react(
  handle: RepoHandle,
  commentId: number,
  content: GiteaReaction,
  log: Logger,
): Promise<void> {
  try {
    await createCommentReaction(handle.client, commentId, content);
  } catch (error) {
    log.warn({ err: error, reaction: content }, "could not react to the command comment");
  }
}
