/**
 * A pull request from a fork, in the Actions mode: Gitea gives the job of a fork's PR no secrets,
 * so the bot's token is absent. That is no failure of the workflow: the run says so and ends
 * with 0, and the PR gets no preview from the Actions mode (the webhook mode previews it).
 */
import { readEventFile } from "./read-event.js";

type Env = Record<string, string | undefined>;

/** The line to log when this run is a fork PR's job without a token; null otherwise. */
export async function forkPullWithoutToken(env: Env): Promise<string | null> {
  if (env.GITHUB_EVENT_NAME !== "pull_request" || hasToken(env)) return null;
  const path = env.GITHUB_EVENT_PATH;
  if (!path) return null;
  const event = await readEventFile(path);
  if (!event.ok) return null;
  const fork = forkOf(event.payload);
  if (fork === null) return null;
  return `pull request from the fork ${fork}: Gitea gives its job no secrets, so there is no bot token (DEFERBOT_TOKEN) and no preview from this job; nothing to do`;
}

function hasToken(env: Env): boolean {
  return Boolean(env.DEFERBOT_TOKEN) || Boolean(env.GITEA_TOKEN);
}

/** The head repository's `owner/name` when it is not the base repository. */
function forkOf(payload: Record<string, unknown>): string | null {
  const pull = objectAt(payload, "pull_request");
  const head = objectAt(objectAt(pull, "head"), "repo");
  const base = objectAt(payload, "repository");
  const headName = head?.full_name;
  const baseName = base?.full_name;
  if (typeof headName !== "string" || typeof baseName !== "string") return null;
  return headName.toLowerCase() === baseName.toLowerCase() ? null : headName;
}

function objectAt(
  value: Record<string, unknown> | null | undefined,
  key: string,
): Record<string, unknown> | null {
  const found = value?.[key];
  return typeof found === "object" && found !== null ? (found as Record<string, unknown>) : null;
}
