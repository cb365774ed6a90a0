/**
 * A push to the default branch (the app drops the others): forget the cached configuration when
 * the push may have changed it, then sync the default branch's head when the push may have changed
 * the document (SPEC §4).
 */
import type { Logger } from "pino";
import type { Deferbot } from "../deferbot.js";
import type { DeferbotEvent } from "../events.js";
import { configMayHaveChanged, syncReason } from "../push-rules.js";
import type { PushPayload } from "../webhook-payloads.js";

export async function handlePush(
  bot: Deferbot,
  payload: PushPayload,
  log: Logger,
): Promise<DeferbotEvent | undefined> {
  const fullName = payload.repository.full_name;
  const { configs } = bot.repo(fullName);
  if (configMayHaveChanged(payload)) configs.invalidate();
  const { config } = await configs.get(payload.after);
  const reason = syncReason(payload, config.document);
  if (reason === null) {
    log.info(
      { sha: payload.after, document: config.document },
      "push needs no sync (document not touched)",
    );
    return {
      type: "push-without-sync",
      repo: fullName,
      sha: payload.after,
      document: config.document,
    };
  }
  log.debug({ sha: payload.after, reason }, "push starts a sync");
  // The push is only the trigger (§4): the sync reads the default branch's head when it starts,
  // so a late or replayed delivery of an older push never moves the tracker back.
  // The sync is told by the bot itself (`sync-started`, then `sync-finished` or `sync-failed`).
  await bot.sync(fullName, { onlyIfNew: true });
  return undefined;
}
