/**
 * What the service did, told to whoever listens: the server (its log and `/readyz`), the CLI and
 * the Actions mode (its summary and exit code) observe these instead of subclassing the bot or
 * reading log lines.
 */
import type { SyncResult } from "../sync/sync-repository.js";

export interface SyncRequestSeen {
  sha?: string;
  allowCloseAll?: boolean;
  onlyIfNew?: boolean;
}

export interface CommandRun {
  name: string;
  ok: boolean;
  /** Why a command failed on an error (not a refusal): the error's message. */
  error?: string;
}

export type DeferbotEvent =
  | { type: "sync-started"; repo: string; request: SyncRequestSeen; at: number }
  | {
      type: "sync-finished";
      repo: string;
      request: SyncRequestSeen;
      result: SyncResult;
      durationMs: number;
    }
  | {
      type: "sync-failed";
      repo: string;
      request: SyncRequestSeen;
      error: unknown;
      durationMs: number;
    }
  /** How the app routed a delivery that passed verification. */
  | {
      type: "delivery-routed";
      delivery: string;
      event: string;
      repo: string | null;
      outcome: "queued" | "ignored";
      reason?: string;
    }
  /** The commands of one comment, and whether the reply could be posted. */
  | {
      type: "commands-handled";
      repo: string;
      issue: number;
      commands: CommandRun[];
      replyError?: string;
    }
  /** The review flow suggested `resolve` on an issue whose steps are all ticked. */
  | { type: "resolve-suggested"; repo: string; issue: number; findingId: string }
  /** A register was parsed (not taken from the parse cache). */
  | { type: "register-parsed"; repo: string; bytes: number; durationMs: number }
  /** A push whose commits leave the document alone. */
  | { type: "push-without-sync"; repo: string; sha: string; document: string }
  /** The preview of a pull request: its comment written (or not) and its status posted. */
  | {
      type: "preview-published";
      repo: string;
      pull: number;
      sha: string;
      touched: boolean;
      comment: "created" | "edited" | "unchanged" | "none";
      state: "success" | "failure" | "error";
      description: string;
    };

export type DeferbotListener = (event: DeferbotEvent) => void;

export class DeferbotEvents {
  readonly #listeners = new Set<DeferbotListener>();

  /** Calls `listener` with every event from now on; the function returned stops it. */
  on(listener: DeferbotListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  emit(event: DeferbotEvent): void {
    for (const listener of this.#listeners) listener(event);
  }
}
