/**
 * What `deferbot sync` needs once the token is known to work: the service, its parser and
 * planner, and the printing of results. ./sync.ts imports this module while `GET /user` and the
 * repository's read are in flight, so its code compiles during that round trip, not before it.
 */
export { formatSyncAll, syncAll } from "../../recovery/sync-all.js";
export { Deferbot } from "../../service/deferbot.js";
export { isHandedOver } from "../../sync/sync-queue.js";
export { formatSyncResult, syncReport } from "../format-sync.js";
