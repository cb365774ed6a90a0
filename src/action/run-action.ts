/**
 * `deferbot action`: one event of a Gitea Actions job through the same Probot app, handlers,
 * background runner and sync queue as `deferbot serve`, then the outcome as the exit code.
 * The job's runner replaces the webhook: no secret, no server, nothing to verify.
 */
import { randomUUID } from "node:crypto";
import { pino } from "pino";
import { Probot } from "probot";
import { handleIssueComment } from "../commands/handle-comment.js";
import { handleIssueEdited } from "../commands/review-flow.js";
import type { Settings } from "../core/config/parse-env.js";
import type { OctokitLike } from "../gitea/client.js";
import { createGiteaOctokit, GiteaOctokit } from "../gitea/create-octokit.js";
import { GiteaError } from "../gitea/errors.js";
import type { GiteaUser } from "../gitea/types.js";
import { createDeferbotApp, type DeliveryHandlers } from "../server/app.js";
import { checkToken, StartupError } from "../server/check-token.js";
import { createLogger, octokitLog } from "../server/logger.js";
import { type ActionSettings, readActionEnv, renamed } from "./action-env.js";
import { isActionsUser } from "./actions-user.js";
import { type ActionOutcome, formatSummary, outcomeOf } from "./outcome.js";
import { normaliseActionsPayload, readEventFile, unknownEventError } from "./read-event.js";
import { LogRecorder, RecordingDeferbot, RecordingWork } from "./recorders.js";

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

/** pino's number for a level; `silent` forwards nothing. */
function levelNumber(level: Settings["logLevel"]): number {
  return level === "silent" ? Number.POSITIVE_INFINITY : (pino.levels.values[level] ?? 30);
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
  if (!env.ok) return fail(2, env.errors);
  const action = env.value;
  const unknown = unknownEventError(action.eventName);
  if (unknown !== null) return fail(2, [unknown]);
  const event = await readEventFile(action.eventPath);
  if (!event.ok) return fail(2, [event.error]);

  const { settings } = action;
  // The run's own log keeps every record from info up (the summary reads them) and passes on
  // those at LOG_LEVEL or above to stderr, as JSON lines.
  const recorder = new LogRecorder(levelNumber(settings.logLevel), io.stderr);
  const log = createLogger(
    levelNumber(settings.logLevel) < levelNumber("info") ? settings.logLevel : "info",
    recorder,
  );
  const octokit =
    io.octokit ??
    createGiteaOctokit({
      token: settings.token,
      apiBaseUrl: settings.apiBaseUrl,
      log: octokitLog(log.child({ component: "gitea" })),
    });

  const user = await botUser(octokit, action);
  if ("code" in user) return fail(user.code, [user.error]);
  log.info({ login: user.login, gitea: settings.webUrl }, `${action.tokenFrom} accepted`);

  const { payload, adjusted } = normaliseActionsPayload(action.eventName, event.payload);
  if (adjusted.length > 0) log.debug({ adjusted }, "Gitea Actions payload completed");

  const bot = new RecordingDeferbot({
    octokit,
    botLogin: user.login,
    concurrency: settings.concurrency,
    log,
  });
  const work = new RecordingWork(log);
  const delivery = randomUUID();
  let received: string | null = null;
  try {
    const probot = new Probot({
      githubToken: settings.token,
      baseUrl: settings.apiBaseUrl,
      log: log.child({ name: "probot" }, { level: "silent" }),
      Octokit: GiteaOctokit,
    });
    await probot.load(
      createDeferbotApp({
        bot,
        handlers: io.handlers ?? {
          issueComment: handleIssueComment,
          issuesEdited: handleIssueEdited,
        },
        work,
        log,
      }),
    );
    await probot.receive({ id: delivery, name: action.eventName, payload } as Parameters<
      typeof probot.receive
    >[0]);
  } catch (error) {
    received = error instanceof Error ? error.message : String(error);
  }
  while (work.size > 0 || bot.queue.active > 0) {
    await work.idle();
    await bot.queue.drain();
  }

  const outcome = outcomeOf({
    eventName: action.eventName,
    delivery,
    records: recorder.records,
    syncs: bot.syncs,
    workFailures: received === null ? work.failures : [...work.failures, received],
    loggedErrors: recorder.errors(),
  });
  io.stdout(formatSummary(outcome));
  io.onOutcome?.(outcome);
  return fail(outcome.exitCode, outcome.problems);
}

/** The token's user, or why the run cannot go on with it. */
async function botUser(
  octokit: OctokitLike,
  action: ActionSettings,
): Promise<GiteaUser | { code: number; error: string }> {
  let user: GiteaUser;
  try {
    user = await checkToken(octokit, action.settings);
  } catch (error) {
    if (!(error instanceof StartupError)) throw error;
    const status = error.cause instanceof GiteaError ? error.cause.status : 0;
    const refused = status === 401 || status === 403;
    const hint =
      refused && action.tokenFrom === "GITEA_TOKEN"
        ? "; if this is the job's automatic token, pass the bot user's token as DEFERBOT_TOKEN instead"
        : "";
    // A refused token or a wrong URL is a setting to fix (2); an unreachable or failing Gitea is 3.
    const code = status === 0 || status >= 500 ? 3 : 2;
    return { code, error: `${renamed(error.message, action)}${hint}` };
  }
  if (isActionsUser(user.login)) {
    return {
      code: 2,
      error: `${action.tokenFrom} is the job's automatic token (user ${user.login}), which acts as another user than the bot: tracking issues must be opened by the bot user in every mode. Store the bot user's token as a repository secret and pass it as DEFERBOT_TOKEN`,
    };
  }
  return user;
}
