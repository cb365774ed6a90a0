/** `deferbot sync --repo owner/name`: one sync from the command line, the webhook's code path. */
import { Command } from "commander";
import { createGiteaOctokit } from "../../gitea/create-octokit.js";
import { GiteaError } from "../../gitea/errors.js";
import { getAuthenticatedUser } from "../../gitea/users.js";
import { repoLockSettings } from "../../replicas/lock-settings.js";
import { openRepoLock } from "../../replicas/open-repo-lock.js";
import { Deferbot } from "../../service/deferbot.js";
import { parseEnv } from "../../settings/read-settings.js";
import { type HandedOver, isHandedOver } from "../../sync/sync-queue.js";
import type { SyncResult } from "../../sync/sync-repository.js";
import { formatSyncResult, syncReport } from "../format-sync.js";

export interface SyncOptions {
  repo: string;
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
}

/** Exit codes: 0 synced, 1 the sync reported a problem in the document or config, 2 bad usage or settings, 3 Gitea failed. */
export async function runSync(options: SyncOptions, io: SyncIo): Promise<number> {
  const fail = (code: number, line: string): number => {
    io.stderr(`deferbot sync: ${line}\n`);
    return code;
  };
  if (!/^[^/\s]+\/[^/\s]+$/.test(options.repo))
    return fail(2, `--repo must be owner/name (got ${JSON.stringify(options.repo)})`);
  const env = parseEnv(io.env, { requireSecret: false });
  if (!env.ok) {
    for (const line of env.errors) io.stderr(`deferbot sync: ${line}\n`);
    return 2;
  }
  const { settings } = env;
  const octokit = createGiteaOctokit({
    token: settings.token,
    apiBaseUrl: settings.apiBaseUrl,
    log: quiet,
  });
  let result: SyncResult | HandedOver;
  let bot: Deferbot | undefined;
  try {
    const me = await getAuthenticatedUser(octokit);
    // With REDIS_URL the sync takes the repository's lock the servers take (SPEC §10).
    const lock = options.dryRun ? undefined : await openRepoLock(repoLockSettings(settings, quiet));
    bot = new Deferbot({
      octokit,
      botLogin: me.login,
      concurrency: settings.concurrency,
      onProgress: progress(io),
      ...(lock ? { lock } : {}),
    });
    const { forge } = bot.repo(options.repo);
    const sha =
      options.ref === undefined || /^[0-9a-f]{40}$/i.test(options.ref)
        ? options.ref
        : await forge.branchHead(options.ref);
    if (sha !== undefined && !options.dryRun) {
      // §4: a sync writes only from the default branch's head, so it never moves the tracker back.
      const head = await forge.branchHead((await forge.repo()).defaultBranch);
      if (sha !== head)
        return fail(
          2,
          `--ref ${options.ref} is not the default branch's head (${head.slice(0, 12)}): a sync of another commit would move the tracker away from the register; add --dry-run to see its plan`,
        );
    }
    const request = {
      ...(sha === undefined ? {} : { sha }),
      allowCloseAll: options.allowCloseAll ?? false,
    };
    result = options.dryRun
      ? await bot.syncNow(options.repo, { ...request, dryRun: true }, progress(io))
      : await bot.sync(options.repo, request);
  } catch (error) {
    if (error instanceof GiteaError) {
      const hint =
        error.status === 401
          ? " (check GITEA_TOKEN)"
          : error.status === 404
            ? ` (does ${options.repo} exist, and can the token's user see it?)`
            : "";
      return fail(3, `${error.message}${hint}`);
    }
    return fail(3, error instanceof Error ? error.message : String(error));
  } finally {
    await bot?.close();
  }
  if (isHandedOver(result)) {
    io.stderr(
      `deferbot sync: another deferbot process holds ${options.repo}'s lock; it runs this sync when its own ends\n`,
    );
    return 0;
  }
  const report = syncReport(options.repo, result, options.dryRun ?? false);
  io.stdout(options.json ? `${JSON.stringify(report, null, 2)}\n` : formatSyncResult(report));
  if (result.status.state === "error") return fail(3, result.status.description);
  // The status is cut for Gitea; the command line has room for the whole reason.
  if (result.status.state === "failure")
    return fail(1, result.plan.closeBlocked ?? result.status.description);
  return 0;
}

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

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
    .requiredOption("--repo <owner/name>", "the repository")
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
