/** The shape of a delivery's handler: the checked payload in, an outcome the bot reports out. */
import type { Logger } from "pino";
import type { Deferbot } from "../deferbot.js";
import type { DeferbotEvent } from "../events.js";

/** What a handler did, reported as an event; nothing when it had nothing to tell. */
export type HandlerOutcome = DeferbotEvent | undefined;

// biome-ignore lint/suspicious/noConfusingVoidType: a handler that tells nothing may just return
type Told = HandlerOutcome | void;

export type DeliveryHandler<P> = (bot: Deferbot, payload: P, log: Logger) => Promise<Told>;
