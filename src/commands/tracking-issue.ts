/**
 * Which finding an issue tracks (SPEC §3.1): it must be opened by the bot, and hold the marker or,
 * when a person deleted the block, a title that still starts with `ID:`. Pull requests never are.
 */
import { trackedFindingId as findingIdOf } from "../core/issue/tracked-id.js";
import type { Deferbot } from "../service/deferbot.js";

export interface IssueLike {
  title: string;
  body: string;
  user: { login: string };
  pull_request?: unknown;
}

export function trackedFindingId(
  issue: IssueLike,
  bot: Pick<Deferbot, "isSelf">,
  idPattern: string,
): string | null {
  if (issue.pull_request) return null;
  if (!bot.isSelf(issue.user.login)) return null;
  return findingIdOf(issue.body, issue.title, idPattern);
}
