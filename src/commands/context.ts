/** What every command handler gets: the bot, the repository, its configuration and the issue commented on. */
import type { Logger } from "pino";
import type { Command } from "../core/commands/command.js";
import type { RepoConfig } from "../core/config/repo-config.js";
import type { Deferbot, RepoHandle } from "../service/deferbot.js";
import type { IssueCommentPayload } from "../service/webhook-payloads.js";
import type { LoadedConfig } from "../sync/load-repo-config.js";
import { type RegisterRead, readRegister } from "../sync/read-register.js";

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
  /** The message of the error the command failed on (not set for a refusal). */
  error?: string;
}

export type CommandHandler = (ctx: CommandContext, command: Command) => Promise<CommandOutcome>;

export function succeeded(text: string): CommandOutcome {
  return { ok: true, text };
}

export function failed(text: string): CommandOutcome {
  return { ok: false, text };
}

/** The register at the default branch's head, read as a sync reads it. */
export async function readAtHead(ctx: CommandContext): Promise<{ sha: string } & RegisterRead> {
  const sha = await ctx.handle.forge.defaultBranchHead();
  return { sha, ...(await readRegister(ctx.handle, ctx.config, sha)) };
}

/** Why the document cannot be read at all, in the words of the sync's diagnostics; null when it can. */
export function unreadableReason(read: RegisterRead): string | null {
  if (read.kind === "missing") return "it does not exist";
  if (read.kind === "unreadable") return read.diagnostic.message;
  return null;
}

/** The 10-character sha the replies show. */
export function shortSha(sha: string): string {
  return sha.slice(0, 10);
}
