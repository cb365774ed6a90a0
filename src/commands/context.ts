/** What every command handler gets: the bot, the repository, its configuration and the issue commented on. */
import type { Logger } from "pino";
import type { Command } from "../core/commands/command.js";
import type { RepoConfig } from "../core/config/repo-config.js";
import type { Deferbot, RepoHandle } from "../service/deferbot.js";
import type { IssueCommentPayload } from "../service/webhook-payloads.js";
import type { LoadedConfig } from "../sync/load-repo-config.js";

export interface CommandContext {
  bot: Deferbot;
  fullName: string;
  handle: RepoHandle;
  loaded: LoadedConfig;
  config: RepoConfig;
  payload: IssueCommentPayload;
  /** The finding the issue tracks, or null when it is not a tracking issue. */
  findingId: string | null;
  log: Logger;
}

/** What one command did, for the reply and the final reaction. */
export interface CommandOutcome {
  /** False on a refusal or a failure: the comment gets `confused` instead of `+1`. */
  ok: boolean;
  /** Markdown for the reply. */
  text: string;
  /** Append the command list to the reply (once, however many commands ask for it). */
  showHelp?: boolean;
}

export type CommandHandler = (ctx: CommandContext, command: Command) => Promise<CommandOutcome>;

export function succeeded(text: string): CommandOutcome {
  return { ok: true, text };
}

export function failed(text: string): CommandOutcome {
  return { ok: false, text };
}

/** Gitea logins are case-insensitive. */
export function shortSha(sha: string): string {
  return sha.slice(0, 10);
}
