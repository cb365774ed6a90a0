import { type HandedOver, isHandedOver } from "../../src/sync/sync-queue.js";

/** The sync's result; one process (no shared lock) never hands a sync over. */
export function ranHere<R>(outcome: R | HandedOver): R {
  if (isHandedOver(outcome)) throw new Error("the sync was handed over to another process");
  return outcome;
}
