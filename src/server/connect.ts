/**
 * The one way a mode connects to Gitea: the Octokit (unless a test gives one), the token's user
 * checked with `GET /user`, and Probot in token mode on that Octokit class. `deferbot serve` and
 * `deferbot action` both start here.
 */
import type { Logger } from "pino";
import { Probot } from "probot";
import type { OctokitLike } from "../gitea/client.js";
import { createGiteaOctokit } from "../gitea/create-octokit.js";
import { GiteaOctokit } from "../gitea/probot-octokit.js";
import type { GiteaRequestObserver } from "../gitea/request-observer.js";
import type { GiteaUser } from "../gitea/types.js";
import type { Settings } from "../settings/read-settings.js";
import { checkToken } from "./check-token.js";
import { giteaRequestLog, octokitLog } from "./logger.js";

export interface GiteaConnection {
  octokit: OctokitLike;
  /** The token's user: the bot. */
  user: GiteaUser;
  probot: Probot;
}

export interface ConnectOptions {
  log: Logger;
  /** The one Octokit for Gitea; default `createGiteaOctokit` with the settings' token. */
  octokit?: OctokitLike;
  /** Also told every Gitea request (the server's `/metrics`); each is logged at debug anyway. */
  onRequest?: GiteaRequestObserver;
  /** The webhook secret Probot verifies deliveries with; none in the Actions mode. */
  secret?: string;
}

/** Throws `StartupError` (one line to print) when the token cannot be used. */
export async function connectToGitea(
  settings: Pick<Settings, "token" | "apiBaseUrl" | "webUrl">,
  options: ConnectOptions,
): Promise<GiteaConnection> {
  const { log } = options;
  const giteaLog = log.child({ component: "gitea" });
  const logRequest = giteaRequestLog(giteaLog);
  const { onRequest } = options;
  const octokit =
    options.octokit ??
    createGiteaOctokit({
      token: settings.token,
      apiBaseUrl: settings.apiBaseUrl,
      log: octokitLog(giteaLog),
      onRequest: onRequest
        ? (request) => {
            logRequest(request);
            onRequest(request);
          }
        : logRequest,
    });
  const user = await checkToken(octokit, settings);
  const probot = new Probot({
    githubToken: settings.token,
    baseUrl: settings.apiBaseUrl,
    ...(options.secret === undefined ? {} : { secret: options.secret }),
    // Silenced: Probot and @octokit/webhooks log a rejected delivery twice, with its payload;
    // deferbot logs every delivery once itself (the app and the server).
    log: log.child({ name: "probot" }, { level: "silent" }),
    Octokit: GiteaOctokit,
  });
  return { octokit, user, probot };
}
