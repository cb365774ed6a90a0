/** What a comment command is, and which commands need what. */

export type CommandName =
  | "help"
  | "sync"
  | "refresh"
  | "status"
  | "ignore"
  | "unignore"
  | "resolve";

export const COMMAND_NAMES: readonly CommandName[] = [
  "help",
  "sync",
  "refresh",
  "status",
  "ignore",
  "unignore",
  "resolve",
];

export interface CommandFlags {
  /** `sync --allow-close-all`: close tracking issues even when the document is gone or empty. */
  allowCloseAll?: boolean;
}

export interface Command {
  /** `unknown` for a name or flag the bot does not know; the executor answers it with help. */
  name: CommandName | "unknown";
  /**
   * Positional arguments after the name (flags excluded). For `unknown`, every word typed
   * after the prefix, the name included, as typed.
   */
  args: string[];
  flags: CommandFlags;
  /** The command's line, without its indentation, trailing spaces and line ending. */
  raw: string;
  /** 1-based line in the comment body. */
  line: number;
  /** Only on `unknown`: what was not understood, for a person (e.g. `unknown command "snyc"`). */
  problem?: string;
}

export const DEFAULT_COMMAND_PREFIX = "/deferbot";

/** Commands only users with write access may run. */
export const COMMANDS_NEEDING_WRITE: ReadonlySet<CommandName> = new Set<CommandName>([
  "sync",
  "refresh",
  "ignore",
  "unignore",
  "resolve",
]);

/** Commands that only make sense on a tracking issue. */
export const TRACKED_ONLY: ReadonlySet<CommandName> = new Set<CommandName>([
  "refresh",
  "status",
  "ignore",
  "unignore",
  "resolve",
]);
