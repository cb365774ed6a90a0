/**
 * What every online command (`sync`, `action`, `serve`, `preview`) does with an error that
 * stopped it (SPEC §9): the exit code of its cause, one line naming the request that failed with
 * a hint about that request only, and the `--json` object (`error`, `exitCode`).
 */
import { GiteaError } from "../gitea/errors.js";
import { StartupError } from "../server/check-token.js";
import { type ExitCode, exitCodes } from "./exit-codes.js";

/** The first error down the `cause` chain that `match` accepts. */
function findCause<T>(error: unknown, match: (value: unknown) => value is T): T | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current !== undefined && current !== null; depth++) {
    if (match(current)) return current;
    current = typeof current === "object" && "cause" in current ? current.cause : undefined;
  }
  return undefined;
}

const isGiteaError = (value: unknown): value is GiteaError => value instanceof GiteaError;

/** An error that carries its own code (e.g. `RedisUnavailableError`: 3). */
const hasExitCode = (value: unknown): value is { exitCode: ExitCode } =>
  typeof value === "object" &&
  value !== null &&
  "exitCode" in value &&
  Object.values(exitCodes).includes(value.exitCode as ExitCode);

/**
 * 2 for what the operator fixes in a setting or a flag: a refused token (401/403), a URL, a
 * repository, a branch or a commit that is not there (404). 3 for Gitea failing or not answering
 * (safe to retry), and for anything unknown but a start-up problem.
 */
export function exitCodeOf(error: unknown): ExitCode {
  const own = findCause(error, hasExitCode);
  if (own !== undefined) return own.exitCode;
  const gitea = findCause(error, isGiteaError);
  // A start-up problem without a Gitea answer: a setting (the secret, the port in use).
  if (gitea === undefined)
    return error instanceof StartupError ? exitCodes.usage : exitCodes.unavailable;
  if (gitea.status === 401 || gitea.status === 403 || gitea.status === 404) return exitCodes.usage;
  return exitCodes.unavailable;
}

/** A hint about the request that failed, by its path; nothing for a request without one. */
function hintFor(error: GiteaError): string {
  const { status, path } = error;
  if (status === 0) return "is GITEA_URL reachable from here? Safe to retry";
  if (status >= 500) return "Gitea failed; safe to retry";
  if (status === 401) return "GITEA_TOKEN was refused: check the token";
  if (status === 403) return "the token lacks a scope, or its user the permission";
  if (status !== 404) return "";
  if (path === "/user") return "is GITEA_URL the server's root?";
  const branch = /^\/repos\/[^/]+\/[^/]+\/branches\/(.+)$/.exec(path);
  if (branch) return `is there a branch ${decodeURIComponent(branch[1] ?? "")}?`;
  if (/^\/repos\/[^/]+\/[^/]+\/git\/commits\/HEAD$/.test(path))
    return "does the repository have a commit yet? An empty repository has no default branch head";
  const commit = /^\/repos\/[^/]+\/[^/]+\/git\/commits\/([^/]+)$/.exec(path);
  if (commit) return `is ${commit[1]} a commit of the repository?`;
  if (/^\/repos\/[^/]+\/[^/]+$/.test(path))
    return "does the repository exist, and can the token's user see it?";
  return "";
}

/** One line: the request and its answer, and the hint about that request. */
export function failureLine(error: unknown): string {
  const gitea = findCause(error, isGiteaError);
  if (gitea === undefined || error !== gitea) {
    // A start-up error (or another wrapper) already says what went wrong in its own words.
    return error instanceof Error ? error.message : String(error);
  }
  const answer =
    gitea.status === 0
      ? `got no answer${gitea.giteaMessage ? ` (${gitea.giteaMessage})` : ""}`
      : `answered ${gitea.status}${gitea.giteaMessage ? ` (${gitea.giteaMessage})` : ""}`;
  const hint = hintFor(gitea);
  return `${gitea.method} ${gitea.path} ${answer}${hint ? `: ${hint}` : ""}`;
}

/** What `--json` prints when a command stops on an error: still one JSON object. */
export interface FailureReport {
  version: 1;
  error: string;
  exitCode: ExitCode;
}

export function failureReport(error: unknown): FailureReport {
  return { version: 1, error: failureLine(error), exitCode: exitCodeOf(error) };
}

/** A failure the command found itself (bad flags, settings): its line and code. */
export function usageReport(error: string, exitCode: ExitCode = exitCodes.usage): FailureReport {
  return { version: 1, error, exitCode };
}
