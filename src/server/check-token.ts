/** The start-up check of GITEA_TOKEN (`GET /user`), with one line telling what went wrong. */

import type { OctokitLike } from "../gitea/client.js";
import { GiteaError } from "../gitea/errors.js";
import type { GiteaUser } from "../gitea/types.js";
import { getAuthenticatedUser } from "../gitea/users.js";
import type { Settings } from "../settings/read-settings.js";

/** A start-up failure; its message is the one line `deferbot serve` prints. */
export class StartupError extends Error {
  override readonly name = "StartupError";
}

export async function checkToken(
  octokit: OctokitLike,
  settings: Pick<Settings, "webUrl" | "apiBaseUrl">,
): Promise<GiteaUser> {
  try {
    return await getAuthenticatedUser(octokit);
  } catch (error) {
    throw new StartupError(tokenProblem(error, settings), { cause: error });
  }
}

function tokenProblem(
  error: unknown,
  { webUrl, apiBaseUrl }: Pick<Settings, "webUrl" | "apiBaseUrl">,
) {
  if (!(error instanceof GiteaError)) {
    return `GET ${apiBaseUrl}/user failed: ${error instanceof Error ? error.message : String(error)}`;
  }
  switch (error.status) {
    case 0:
      return `GET ${apiBaseUrl}/user got no answer (${networkReason(error)}): is GITEA_URL (${webUrl}) reachable from here?`;
    case 401:
      return `GITEA_TOKEN was refused by ${webUrl} (401): check the token and its read:user scope`;
    case 403:
      return `GITEA_TOKEN was refused by ${webUrl} (403: ${error.giteaMessage}): the token needs the read:user scope`;
    case 404:
      return `GET ${apiBaseUrl}/user answered 404: is GITEA_URL (${webUrl}) the server's root?`;
    default:
      return `GET ${apiBaseUrl}/user failed (${error.status}${error.giteaMessage ? `: ${error.giteaMessage}` : ""})`;
  }
}

/** The innermost system error code (ECONNREFUSED, ENOTFOUND, …) or message of a network failure. */
function networkReason(error: GiteaError): string {
  let reason = error.giteaMessage || "no answer";
  let current: unknown = error.cause;
  for (let depth = 0; depth < 6 && typeof current === "object" && current !== null; depth++) {
    if ("code" in current && typeof current.code === "string") return current.code;
    if ("message" in current && typeof current.message === "string" && current.message)
      reason = current.message;
    current = "cause" in current ? current.cause : undefined;
  }
  return reason;
}
