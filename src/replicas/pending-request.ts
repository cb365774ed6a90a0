/**
 * What a sync that waits behind a running one must remember (SPEC §3.4 "Queue", §10): it reads
 * the default branch's head when it starts, so no commit is kept; it closes all if any folded
 * request allowed it, and may be skipped (a push's request) only if every folded request may.
 */
export interface PendingRequest {
  allowCloseAll: boolean;
  /** A push's request: may be skipped when the head it reads was already synced. */
  onlyIfNew: boolean;
}

/** One request covering both: close-all if either asked, skippable only if both are. */
export function foldPending(a: PendingRequest, b: PendingRequest): PendingRequest {
  return {
    allowCloseAll: a.allowCloseAll || b.allowCloseAll,
    onlyIfNew: a.onlyIfNew && b.onlyIfNew,
  };
}
