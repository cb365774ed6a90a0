/**
 * `pull_request` opened, reopened or synchronized: the slot the PR preview (SPEC §4) fills. Until
 * it does, no handler is given and the app ignores those deliveries (logged at debug).
 */
import type { PullRequestEnvelope } from "../webhook-payloads.js";
import type { DeliveryHandler } from "./handler.js";

export type PullRequestHandler = DeliveryHandler<PullRequestEnvelope>;

/** The preview's handler, once written; undefined keeps the deliveries ignored. */
export const handlePullRequest: PullRequestHandler | undefined = undefined;
