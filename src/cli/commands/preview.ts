/**
 * `deferbot preview --repo owner/name --pr N [--json]`: the preview of a pull request as the bot
 * would comment it (SPEC §7), read the same way (`src/preview/`) and written nowhere: no comment,
 * no status, no issue. `--json` prints one object on stdout, a failure too (`error`, `exitCode`).
 */
import { Command } from "commander";
import { createGiteaOctokit } from "../../gitea/create-octokit.js";
import { GiteaError } from "../../gitea/errors.js";
import { getAuthenticatedUser } from "../../gitea/users.js";
import { buildPullPreview, type PullPreview } from "../../preview/build-pull-preview.js";
import { Deferbot } from "../../service/deferbot.js";
import { parseEnv } from "../../settings/read-settings.js";
import { type ExitCode, exitCodes } from "../exit-codes.js";

export interface PreviewOptions {
  repo: string;
  pr: string;
  json?: boolean;
}

export interface PreviewIo {
  env: Record<string, string | undefined>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

class PreviewFailure extends Error {
  constructor(
    message: string,
    readonly code: ExitCode,
  ) {
    super(message);
  }
}

/** Exit codes: 0 the preview's status is success, 1 it is failure, 2 bad usage, settings or PR, 3 Gitea failed. */
export async function runPreview(options: PreviewOptions, io: PreviewIo): Promise<number> {
  let built: PullPreview;
  try {
    built = await preview(options, io.env);
  } catch (error) {
    const failure =
      error instanceof PreviewFailure ? error : giteaFailure(error, options.repo, options.pr);
    if (options.json)
      io.stdout(`${JSON.stringify({ error: failure.message, exitCode: failure.code }, null, 2)}\n`);
    io.stderr(`deferbot preview: ${failure.message}\n`);
    return failure.code;
  }
  const failed = built.status.state !== "success";
  if (options.json) io.stdout(`${JSON.stringify(built.json, null, 2)}\n`);
  else io.stdout(formatPreview(built));
  if (failed) io.stderr(`deferbot preview: ${built.status.description}\n`);
  return failed ? exitCodes.invalid : exitCodes.ok;
}

async function preview(
  options: PreviewOptions,
  env: Record<string, string | undefined>,
): Promise<PullPreview> {
  if (!/^[^/\s]+\/[^/\s]+$/.test(options.repo))
    throw new PreviewFailure(
      `--repo must be owner/name (got ${JSON.stringify(options.repo)})`,
      exitCodes.usage,
    );
  if (!/^[1-9]\d*$/.test(options.pr))
    throw new PreviewFailure(
      `--pr must be a pull request number (got ${JSON.stringify(options.pr)})`,
      exitCodes.usage,
    );
  const parsed = parseEnv(env, { requireSecret: false });
  if (!parsed.ok) throw new PreviewFailure(parsed.errors.join("; "), exitCodes.usage);
  const { settings } = parsed;
  const octokit = createGiteaOctokit({
    token: settings.token,
    apiBaseUrl: settings.apiBaseUrl,
    log: quiet,
  });
  const me = await getAuthenticatedUser(octokit);
  const bot = new Deferbot({ octokit, botLogin: me.login, concurrency: settings.concurrency });
  const { forge, parses } = bot.repo(options.repo);
  const repo = await forge.repo();
  const number = Number(options.pr);
  let pull: Awaited<ReturnType<typeof forge.getPullRequest>>;
  try {
    pull = await forge.getPullRequest(number);
  } catch (error) {
    if (error instanceof GiteaError && error.status === 404)
      throw new PreviewFailure(
        `${options.repo} has no pull request #${number} (an issue's number, or a typo?)`,
        exitCodes.usage,
      );
    throw error;
  }
  if (pull.base !== repo.defaultBranch)
    throw new PreviewFailure(
      `pull request #${number} is against ${pull.base}, not the default branch ${repo.defaultBranch}: deferbot previews only pull requests against the default branch`,
      exitCodes.usage,
    );
  return buildPullPreview(
    { forge, parses, repoHtmlUrl: repo.htmlUrl },
    { number, headSha: pull.headSha, mergeBase: pull.mergeBase },
  );
}

/** The status line, then the comment as the bot would post it, without its hidden marker. */
function formatPreview(built: PullPreview): string {
  const comment = built.comment.replace(/^<!--[^\n]*-->\n+/, "");
  return `deferbot/preview: ${built.status.state}: ${built.status.description}\n\n${comment}`;
}

function giteaFailure(error: unknown, repo: string, pr: string): PreviewFailure {
  if (error instanceof GiteaError) {
    const hint =
      error.status === 401
        ? " (check GITEA_TOKEN)"
        : error.status === 404
          ? ` (does ${repo} exist, and can the token's user see it?)`
          : "";
    return new PreviewFailure(`${error.message}${hint}`, exitCodes.unavailable);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new PreviewFailure(`preview of ${repo}#${pr} failed: ${message}`, exitCodes.unavailable);
}

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

export function previewCommand(): Command {
  return new Command("preview")
    .description(
      "print what merging a pull request would do to the tracking issues, writing nothing (uses GITEA_URL, GITEA_TOKEN)",
    )
    .requiredOption("--repo <owner/name>", "the repository")
    .requiredOption("--pr <number>", "the pull request")
    .option("--json", "print the preview as JSON (docs/preview-json.md)")
    .action(async (options: PreviewOptions) => {
      process.exitCode = await runPreview(options, {
        env: process.env,
        stdout: (text) => process.stdout.write(text),
        stderr: (text) => process.stderr.write(text),
      });
    });
}
