/**
 * Which finding an issue tracks (SPEC §3.1): it must be opened by the bot, and hold the marker or,
 * when a person deleted the block, a title that still starts with `ID:`. Pull requests never are.
 */
import { trackedFindingId as findingIdOf } from "../core/issue/tracked-id.js";
import { sameLogin } from "./context.js";

export interface IssueLike {
  title: string;
  body: string;
  user: { login: string };
  pull_request?: unknown;
}

export function trackedFindingId(
  issue: IssueLike,
  botLogin: string,
  idPattern: string,
): string | null {
  if (issue.pull_request) return null;
  if (!sameLogin(issue.user.login, botLogin)) return null;
  return findingIdOf(issue.body, issue.title, idPattern);
}
