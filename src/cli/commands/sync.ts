/** `deferbot sync --repo owner/name`: one sync from the command line, the webhook's code path. */
import { Command } from "commander";
import { giteaClient } from "../../gitea/client.js";
import { createGiteaOctokit } from "../../gitea/create-octokit.js";
import { getCommit, getDefaultBranchHead, getRepository } from "../../gitea/repos.js";
import type { GiteaUser } from "../../gitea/types.js";
import type { SyncAllDeps, SyncAllResult } from "../../recovery/sync-all.js";
import { type AcquisitionAhead, acquireAhead } from "../../replicas/acquire-ahead.js";
import { repoLockSettings } from "../../replicas/lock-settings.js";
import { openRepoLock } from "../../replicas/open-repo-lock.js";
import type { RepoLock } from "../../replicas/repo-lock.js";
import { checkToken } from "../../server/check-token.js";
import type { Deferbot, ReadsAhead } from "../../service/deferbot.js";
import { parseEnv } from "../../settings/read-settings.js";
import type { HandedOver } from "../../sync/sync-queue.js";
import type { SyncResult } from "../../sync/sync-repository.js";
import { exitCodes } from "../exit-codes.js";
import { type FailureReport, failureReport, usageReport } from "../failure.js";

export interface SyncOptions {
  repo?: string;
  /** Every repository the bot user can push to that holds a register (`--all`). */
  all?: boolean;
  owner?: string[];
  ref?: string;
  dryRun?: boolean;
  json?: boolean;
  allowCloseAll?: boolean;
}

export interface SyncIo {
  env: Record<string, string | undefined>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stderr is a terminal (progress is redrawn in place there). */
  stderrIsTty?: boolean;
  /** The pause between two repositories of `--all` (tests: 0). */
  pauseMs?: number;
  /** Replaces the Octokit's transport (tests). */
  fetch?: typeof globalThis.fetch;
}

/**
 * Exit codes (SPEC §9): 0 synced, 1 the sync reported a problem in the document or config, 2 bad
 * usage, settings, a refused token or a repository, branch or commit that is not there, 3 Gitea
 * failed. With `--json`, stdout is one JSON object also on failure (`error`, `exitCode`).
 */
interface SyncOneDeps {
  octokit: SyncAllDeps["octokit"];
  bot: Deferbot;
  service: SyncService;
  fail: (report: FailureReport, lines?: string[]) => number;
}

type SyncService = typeof import("./sync-service.js");

export async function runSync(options: SyncOptions, io: SyncIo): Promise<number> {
  const fail = (report: FailureReport, lines = [report.error]): number => {
    for (const line of lines) io.stderr(`deferbot sync: ${line}\n`);
    if (options.json) io.stdout(`${JSON.stringify(report, null, 2)}\n`);
    return report.exitCode;
  };
  const usage = usageProblem(options);
  if (usage !== null) return fail(usageReport(usage));
  const env = parseEnv(io.env, { requireSecret: false });
  if (!env.ok) return fail(usageReport(env.errors.join("; ")), env.errors);
  const { settings } = env;
  const octokit = createGiteaOctokit({
    token: settings.token,
    apiBaseUrl: settings.apiBaseUrl,
    log: quiet,
    ...(io.fetch ? { fetch: io.fetch } : {}),
  });
  const stop = new AbortController();
  // With REDIS_URL the sync takes the repository's lock the servers take (SPEC §10); the client
  // is loaded and connected while GET /user is answered. A dry run writes nothing and takes none.
  const opening = options.dryRun ? undefined : openRepoLock(repoLockSettings(settings, quiet));
  opening?.catch(() => {}); // awaited below, after the token check
  const { ahead, taking } = readAhead(options, octokit, opening, stop.signal);
  const checking = checkToken(octokit, settings);
  // The service's code (parser, planner: most of the command) compiles while GET /user is
  // answered; with Redis, once the lock's client is connected and its acquisition sent, so that
  // its answer is not left waiting behind the compiling.
  const loading = (opening ?? Promise.resolve()).then(
    () => import("./sync-service.js"),
    () => import("./sync-service.js"),
  );
  loading.catch(() => {}); // awaited below, after the token check
  const abandon = async () => {
    stop.abort();
    await (await taking?.catch(() => undefined))?.abandon();
  };
  let user: GiteaUser;
  let service: SyncService;
  try {
    user = await checking;
    service = await loading;
  } catch (error) {
    void abandon()
      .then(() => opening?.then((lock) => lock.close()))
      .catch(() => {});
    return fail(failureReport(error));
  }
  let bot: Deferbot;
  try {
    const lock = taking ? (await taking).lock : await opening;
    bot = new service.Deferbot({
      octokit,
      botLogin: user.login,
      concurrency: settings.concurrency,
      onProgress: progress(io),
      ...(lock ? { lock } : {}),
      readsAhead: ahead,
    });
  } catch (error) {
    return fail(failureReport(error));
  }
  try {
    if (options.all)
      return await runSyncAll(options, io, service, { octokit, bot, botUserId: user.id });
    return await syncOne(options, io, { octokit, bot, service, fail });
  } finally {
    await abandon();
    await bot.close();
  }
}

/**
 * SPEC §3.4 "Calls": the repository is read beside GET /user (login ‖ repository), and so is the
 * default branch's head, once the repository's lock is held (SPEC §10: a sync reads the head
 * under it), so the document goes out in the next round trip, beside the listing's page 1.
 */
function readAhead(
  options: SyncOptions,
  octokit: SyncAllDeps["octokit"],
  opening: Promise<RepoLock> | undefined,
  signal: AbortSignal,
): { ahead: Map<string, ReadsAhead>; taking?: Promise<AcquisitionAhead> } {
  const ahead = new Map<string, ReadsAhead>();
  const repo = options.repo;
  if (repo === undefined) return { ahead };
  const client = clientOf(octokit, repo);
  const repository = getRepository(client);
  repository.catch(() => {}); // awaited by the sync, once the token is known to work
  if (options.ref !== undefined) {
    ahead.set(repo, { repository });
    return { ahead };
  }
  // The request the queue takes the lock with for `bot.sync(repo, { allowCloseAll })`.
  const request = { allowCloseAll: options.allowCloseAll ?? false, onlyIfNew: false };
  const taking = opening?.then((lock) => acquireAhead(lock, repo, request, signal));
  taking?.catch(() => {}); // awaited below, after the token check
  const defaultBranchHead = taking
    ? taking
        .then((taken) => taken.acquired)
        .then(({ lease }) =>
          lease ? getDefaultBranchHead(client) : Promise.reject(new Error(HELD_ELSEWHERE)),
        )
    : getDefaultBranchHead(client); // a dry run: it writes nothing and takes no lock
  defaultBranchHead.catch(() => {}); // awaited by the sync that holds the lock
  ahead.set(repo, { repository, defaultBranchHead });
  return { ahead, ...(taking ? { taking } : {}) };
}

const HELD_ELSEWHERE = "another process holds the lock: its sync reads the head";

async function syncOne(
  options: SyncOptions,
  io: SyncIo,
  { octokit, bot, service, fail }: SyncOneDeps,
): Promise<number> {
  const repo = options.repo ?? "";
  let result: SyncResult | HandedOver;
  try {
    const { forge } = bot.repo(repo);
    let sha: string | undefined;
    if (options.ref !== undefined && /^[0-9a-f]{40}$/i.test(options.ref)) {
      sha = (await getCommit(clientOf(octokit, repo), options.ref)).sha;
    } else if (options.ref !== undefined) sha = await forge.branchHead(options.ref);
    if (sha !== undefined && !options.dryRun) {
      // §4: a sync writes only from the default branch's head, so it never moves the tracker back.
      const head = await forge.defaultBranchHead();
      if (sha !== head)
        return fail(
          usageReport(
            `--ref ${options.ref} is not the default branch's head (${head.slice(0, 12)}): a sync of another commit would move the tracker away from the register; add --dry-run to see its plan`,
          ),
        );
    }
    const request = {
      ...(sha === undefined ? {} : { sha }),
      allowCloseAll: options.allowCloseAll ?? false,
    };
    result = options.dryRun
      ? await bot.syncNow(repo, { ...request, dryRun: true }, progress(io))
      : await bot.sync(repo, request);
  } catch (error) {
    return fail(failureReport(error));
  }
  if (service.isHandedOver(result)) {
    io.stderr(
      `deferbot sync: another deferbot process holds ${repo}'s lock; it runs this sync when its own ends\n`,
    );
    if (options.json)
      io.stdout(
        `${JSON.stringify({ version: 1, repo, handedOver: true, exitCode: 0 }, null, 2)}\n`,
      );
    return exitCodes.ok;
  }
  const report = service.syncReport(repo, result, options.dryRun ?? false);
  const exitCode =
    result.status.state === "error"
      ? exitCodes.unavailable
      : result.status.state === "failure"
        ? exitCodes.invalid
        : exitCodes.ok;
  io.stdout(
    options.json
      ? `${JSON.stringify({ ...report, exitCode }, null, 2)}\n`
      : service.formatSyncResult(report),
  );
  if (result.status.state === "error") io.stderr(`deferbot sync: ${result.status.description}\n`);
  // The status is cut for Gitea; the command line has room for the whole reason.
  if (result.status.state === "failure")
    io.stderr(`deferbot sync: ${result.plan.closeBlocked ?? result.status.description}\n`);
  return exitCode;
}

function usageProblem(options: SyncOptions): string | null {
  if (options.all && options.repo !== undefined) return "give --repo or --all, not both";
  if (options.all && options.ref !== undefined)
    return "--ref reads one repository: --all reads each default branch head";
  if (!options.all && (options.owner?.length ?? 0) > 0) return "--owner goes with --all";
  if (options.all) return null;
  if (options.repo === undefined) return "give --repo owner/name, or --all";
  if (!/^[^/\s]+\/[^/\s]+$/.test(options.repo))
    return `--repo must be owner/name (got ${JSON.stringify(options.repo)})`;
  return null;
}

async function runSyncAll(
  options: SyncOptions,
  io: SyncIo,
  service: SyncService,
  deps: Pick<SyncAllDeps, "octokit" | "bot" | "botUserId">,
): Promise<number> {
  let result: SyncAllResult;
  try {
    result = await service.syncAll(
      {
        ...deps,
        runSync: (repo, request) =>
          request.dryRun ? deps.bot.syncNow(repo, request) : deps.bot.sync(repo, request),
        ...(io.pauseMs === undefined ? {} : { pauseMs: io.pauseMs }),
        onProgress: (run, index, total) =>
          io.stderr(`[${index}/${total}] ${run.repo}: ${run.outcome} (exit ${run.exitCode})\n`),
      },
      {
        owners: options.owner ?? [],
        dryRun: options.dryRun ?? false,
        allowCloseAll: options.allowCloseAll ?? false,
      },
    );
  } catch (error) {
    const report = failureReport(error);
    io.stderr(`deferbot sync: ${report.error}\n`);
    if (options.json) io.stdout(`${JSON.stringify(report, null, 2)}\n`);
    return report.exitCode;
  }
  io.stdout(
    options.json
      ? `${JSON.stringify({ version: 1, dryRun: options.dryRun ?? false, repos: result.runs, exitCode: result.exitCode }, null, 2)}\n`
      : service.formatSyncAll(result),
  );
  return result.exitCode;
}

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

function clientOf(octokit: SyncAllDeps["octokit"], fullName: string) {
  const [owner = "", name = ""] = fullName.split("/");
  return giteaClient(octokit, owner, name);
}

function progress(io: SyncIo): (done: number, total: number) => void {
  return (done, total) => {
    if (total < 20) return;
    if (io.stderrIsTty) io.stderr(`\r${done}/${total} issue writes${done === total ? "\n" : ""}`);
    else if (done % 50 === 0 || done === total) io.stderr(`${done}/${total} issue writes\n`);
  };
}

export function syncCommand(): Command {
  return new Command("sync")
    .description(
      "sync a repository's tracking issues with its register now (uses GITEA_URL, GITEA_TOKEN)",
    )
    .option("--repo <owner/name>", "the repository")
    .option(
      "--all",
      "every repository the bot user can push to that holds a register (after an outage)",
    )
    .option("--owner <name...>", "with --all: only these owners' repositories")
    .option(
      "--ref <ref>",
      "branch or commit to read the register at (default: the default branch's head; another commit needs --dry-run)",
    )
    .option("--dry-run", "print the plan and write nothing")
    .option("--json", "print the result as JSON")
    .option("--allow-close-all", "close tracking issues even when the register is gone or empty")
    .action(async (options: SyncOptions) => {
      process.exitCode = await runSync(options, {
        env: process.env,
        stdout: (text) => process.stdout.write(text),
        stderr: (text) => process.stderr.write(text),
        stderrIsTty: process.stderr.isTTY === true,
      });
    });
}
