/**
 * `deferbot action`: one event of a Gitea Actions job through the same Probot app, handlers,
 * background runner and sync queue as `deferbot serve`, then the outcome as the exit code.
 * The job's runner replaces the webhook: no secret, no server, nothing to verify.
 */
import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import { exitCodeOf } from "../cli/failure.js";
import type { OctokitLike } from "../gitea/client.js";
import { GiteaError } from "../gitea/errors.js";
import { repoLockSettings } from "../replicas/lock-settings.js";
import { openRepoLock } from "../replicas/open-repo-lock.js";
import { RedisUnavailableError } from "../replicas/redis-unavailable-error.js";
import type { RepoLock } from "../replicas/repo-lock.js";
import { createDeferbotApp, type DeliveryHandlers } from "../server/app.js";
import { StartupError } from "../server/check-token.js";
import { connectToGitea, type GiteaConnection } from "../server/connect.js";
import { createLogger } from "../server/logger.js";
import { logSyncs } from "../server/sync-log.js";
import { Deferbot } from "../service/deferbot.js";
import { handleIssueComment } from "../service/handlers/issue-comment.js";
import { handleIssueEdited } from "../service/handlers/issues-edited.js";
import { handlePullRequest } from "../service/handlers/pull-request.js";
import { type ActionSettings, readActionEnv, renamed } from "./action-env.js";
import { isActionsUser } from "./actions-user.js";
import { forkPullWithoutToken } from "./fork-without-token.js";
import { type ActionOutcome, formatSummary, outcomeOf } from "./outcome.js";
import {
  FULL_SYNC_EVENTS,
  normaliseActionsPayload,
  readEventFile,
  unknownEventError,
} from "./read-event.js";
import { lineDestination, RecordingWork, recordEvents } from "./recorders.js";

export interface ActionIo {
  env: Record<string, string | undefined>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Default: the comment commands and the review flow, as the server runs them. */
  handlers?: DeliveryHandlers;
  /** The one Octokit for Gitea; default `createGiteaOctokit` with the token (tests). */
  octokit?: OctokitLike;
  /** Called with the outcome once the event is handled (the JavaScript action's outputs). */
  onOutcome?: (outcome: ActionOutcome) => void;
}

/**
 * Exit codes, as `deferbot sync`: 0 the event was handled (or rightly ignored), 1 a sync reported
 * a problem in the document or the configuration, 2 bad settings, event or token, 3 Gitea failed.
 */
export async function runAction(io: ActionIo): Promise<number> {
  const fail = (code: number, lines: string[]): number => {
    for (const line of lines) io.stderr(`deferbot action: ${line}\n`);
    return code;
  };

  const env = readActionEnv(io.env);
  if (!env.ok) {
    const fork = await forkPullWithoutToken(io.env);
    if (fork !== null) {
      io.stderr(`deferbot action: ${fork}\n`);
      return 0;
    }
    return fail(2, env.errors);
  }
  const action = env.value;
  const unknown = unknownEventError(action.eventName);
  if (unknown !== null) return fail(2, [unknown]);
  const fullSync = FULL_SYNC_EVENTS.includes(action.eventName);
  if (fullSync && action.repository === null)
    return fail(2, [
      `GITHUB_REPOSITORY is not set: a ${action.eventName} run syncs the workflow's repository, which the runner names there`,
    ]);
  const event = fullSync ? null : await readEventFile(action.eventPath);
  if (event !== null && !event.ok) return fail(2, [event.error]);

  const { settings } = action;
  // The run's log goes to stderr as JSON lines, at LOG_LEVEL; the summary reads the bot's events.
  const log = createLogger(settings.logLevel, lineDestination(io.stderr));
  // With REDIS_URL the run takes the repository's lock the servers take (SPEC §10); the client
  // is loaded and connected while the token is checked.
  const opening = openRepoLock(repoLockSettings(settings, log));
  opening.catch(() => {}); // awaited below, after the token check
  const closeOpening = () => void opening.then((lock) => lock.close()).catch(() => {});
  const connected = await connect(action, log, io.octokit).catch((error: unknown) => {
    closeOpening();
    throw error;
  });
  if ("code" in connected) {
    closeOpening();
    return fail(connected.code, [connected.error]);
  }
  const { octokit, user, probot } = connected;
  log.info({ login: user.login, gitea: settings.webUrl }, `${action.tokenFrom} accepted`);

  let lock: RepoLock;
  try {
    lock = await opening;
  } catch (error) {
    if (error instanceof RedisUnavailableError) return fail(error.exitCode, [error.message]);
    throw error;
  }
  const bot = new Deferbot({
    octokit,
    botLogin: user.login,
    concurrency: settings.concurrency,
    lock,
  });
  const events = recordEvents(bot);
  logSyncs(bot, log);
  const work = new RecordingWork(log);
  const delivery = randomUUID();
  let received: string | null = null;
  try {
    if (event === null) await fullSyncOf(bot, action.repository ?? "");
    else await deliver(event.payload);
  } catch (error) {
    received = error instanceof Error ? error.message : String(error);
  }
  while (work.size > 0 || bot.queue.active > 0) {
    await work.idle();
    await bot.queue.drain();
  }

  async function deliver(eventPayload: Record<string, unknown>) {
    const { payload, adjusted } = normaliseActionsPayload(action.eventName, eventPayload);
    if (adjusted.length > 0) log.debug({ adjusted }, "Gitea Actions payload completed");
    await probot.load(
      createDeferbotApp({
        bot,
        handlers: io.handlers ?? {
          issueComment: handleIssueComment,
          issuesEdited: handleIssueEdited,
          pullRequest: handlePullRequest,
        },
        work,
        log,
      }),
    );
    await probot.receive({ id: delivery, name: action.eventName, payload } as Parameters<
      typeof probot.receive
    >[0]);
  }
  await bot.close();

  const outcome = outcomeOf({
    eventName: action.eventName,
    delivery,
    events,
    workFailures: work.failures,
    receiveFailure: received,
  });
  io.stdout(formatSummary(outcome));
  io.onOutcome?.(outcome);
  return fail(outcome.exitCode, outcome.problems);
}

/**
 * A schedule or workflow_dispatch run: the repository's default branch head, as `sync --repo`
 * reads it. A sync that throws is told as `sync-failed`, which the outcome reads.
 */
async function fullSyncOf(bot: Deferbot, repo: string): Promise<void> {
  try {
    await bot.sync(repo, {});
  } catch {
    // told through the bot's events
  }
}

/** The connection with the token's user, or why the run cannot go on with it. */
async function connect(
  action: ActionSettings,
  log: Logger,
  octokit: OctokitLike | undefined,
): Promise<GiteaConnection | { code: number; error: string }> {
  let connected: GiteaConnection;
  try {
    connected = await connectToGitea(action.settings, { log, ...(octokit ? { octokit } : {}) });
  } catch (error) {
    if (!(error instanceof StartupError)) throw error;
    const status = error.cause instanceof GiteaError ? error.cause.status : 0;
    const refused = status === 401 || status === 403;
    const hint =
      refused && action.tokenFrom === "GITEA_TOKEN"
        ? "; if this is the job's automatic token, pass the bot user's token as DEFERBOT_TOKEN instead"
        : "";
    // A refused token or a wrong URL is a setting to fix (2); an unreachable or failing Gitea is 3.
    const code = exitCodeOf(error);
    return { code, error: `${renamed(error.message, action)}${hint}` };
  }
  const { user } = connected;
  if (isActionsUser(user.login)) {
    return {
      code: 2,
      error: `${action.tokenFrom} is the job's automatic token (user ${user.login}), which acts as another user than the bot: tracking issues must be opened by the bot user in every mode. Store the bot user's token as a repository secret and pass it as DEFERBOT_TOKEN`,
    };
  }
  return connected;
}
