/**
 * Recovery after missed deliveries (SPEC §7, Gitea never retries one): a full sync of every
 * repository the bot user can push to and that holds a register, one after another with a
 * pause between them, the exit code the worst of its repositories. `deferbot sync --all` and
 * `serve`'s periodic reconcile both run it.
 */
import { type ExitCode, exitCodes } from "../cli/exit-codes.js";
import { exitCodeOf, failureLine } from "../cli/failure.js";
import type { OctokitLike } from "../gitea/client.js";
import { searchReposOfUser } from "../gitea/search-repos.js";
import type { BotSyncRequest, Deferbot } from "../service/deferbot.js";
import { type HandedOver, isHandedOver } from "../sync/sync-queue.js";
import type { SyncResult } from "../sync/sync-repository.js";
import { registerHead } from "./holds-register.js";

export type RepoRunOutcome = "handed over" | "synced" | "no register" | "invalid" | "failed";

export interface RepoRun {
  repo: string;
  outcome: RepoRunOutcome;
  exitCode: ExitCode;
  /** The commit status line, the reason it was skipped, or the failure. */
  description: string;
}

export interface SyncAllDeps {
  octokit: OctokitLike;
  bot: Deferbot;
  /** The bot user's id (`GET /user`): the search's `uid`. */
  botUserId: number;
  /** Runs one repository's sync: `bot.syncNow` on the command line, `bot.sync` (queued) in serve. */
  runSync: (repo: string, request: BotSyncRequest) => Promise<SyncResult | HandedOver>;
  /** The pause between two repositories (pacing: Gitea also serves people). */
  pauseMs?: number;
  /** One line per repository as it is done. */
  onProgress?: (run: RepoRun, index: number, total: number) => void;
  sleep?: (ms: number) => Promise<void>;
}

export interface SyncAllOptions {
  /** Only these owners' repositories (case-insensitive); all when empty. */
  owners?: readonly string[];
  dryRun?: boolean;
  allowCloseAll?: boolean;
}

export interface SyncAllResult {
  /** The repositories the bot can push to, in the order they were synced. */
  runs: RepoRun[];
  exitCode: ExitCode;
}

export const DEFAULT_PAUSE_MS = 250;

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The repositories to visit: pushable, not archived, of the owners asked for. */
export async function reposToReconcile(
  octokit: OctokitLike,
  botUserId: number,
  owners: readonly string[] = [],
): Promise<string[]> {
  const wanted = new Set(owners.map((owner) => owner.toLowerCase()));
  const found = await searchReposOfUser(octokit, botUserId);
  return found
    .filter((repo) => repo.push && !repo.archived)
    .filter((repo) => wanted.size === 0 || wanted.has(repo.owner.toLowerCase()))
    .map((repo) => repo.fullName);
}

export async function syncAll(
  deps: SyncAllDeps,
  options: SyncAllOptions = {},
): Promise<SyncAllResult> {
  const repos = await reposToReconcile(deps.octokit, deps.botUserId, options.owners);
  const sleep = deps.sleep ?? wait;
  const runs: RepoRun[] = [];
  for (const [index, repo] of repos.entries()) {
    if (index > 0) await sleep(deps.pauseMs ?? DEFAULT_PAUSE_MS);
    const run = await syncOne(deps, repo, options);
    runs.push(run);
    deps.onProgress?.(run, index + 1, repos.length);
  }
  const exitCode = Math.max(exitCodes.ok, ...runs.map((run) => run.exitCode)) as ExitCode;
  return { runs, exitCode };
}

async function syncOne(deps: SyncAllDeps, repo: string, options: SyncAllOptions): Promise<RepoRun> {
  try {
    const sha = await registerHead(deps.bot.repo(repo));
    if (sha === null)
      return {
        repo,
        outcome: "no register",
        exitCode: exitCodes.ok,
        description: "no register at the default branch head",
      };
    const result = await deps.runSync(repo, {
      sha,
      allowCloseAll: options.allowCloseAll ?? false,
      dryRun: options.dryRun ?? false,
    });
    if (isHandedOver(result))
      return {
        repo,
        outcome: "handed over",
        exitCode: exitCodes.ok,
        description: "another deferbot process holds its lock and syncs it",
      };
    const { state, description } = result.status;
    if (state === "success")
      return { repo, outcome: "synced", exitCode: exitCodes.ok, description };
    if (state === "failure")
      return { repo, outcome: "invalid", exitCode: exitCodes.invalid, description };
    return { repo, outcome: "failed", exitCode: exitCodes.unavailable, description };
  } catch (error) {
    return {
      repo,
      outcome: "failed",
      exitCode: exitCodeOf(error),
      description: failureLine(error),
    };
  }
}

/** The summary table `sync --all` prints. */
export function formatSyncAll(result: SyncAllResult): string {
  if (result.runs.length === 0) return "no repository the bot user can push to\n";
  const width = Math.max(10, ...result.runs.map((run) => run.repo.length));
  const lines = [`${"repository".padEnd(width)}  ${"outcome".padEnd(11)}  exit  description`];
  for (const run of result.runs)
    lines.push(
      `${run.repo.padEnd(width)}  ${run.outcome.padEnd(11)}  ${String(run.exitCode).padEnd(4)}  ${run.description}`,
    );
  const synced = result.runs.filter((run) => run.outcome === "synced").length;
  const skipped = result.runs.filter((run) => run.outcome === "no register").length;
  lines.push(
    "",
    `${synced} synced, ${skipped} without a register, ${result.runs.length - synced - skipped} with a problem; exit ${result.exitCode}`,
    "",
  );
  return lines.join("\n");
}
