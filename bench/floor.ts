/**
 * The lower bound of SPEC §3.4 "Calls" for one sync, and how a request counts against it.
 * Pure arithmetic: the measurements feed it what a scenario asks for, never what the bot did.
 */

/** Gitea's largest page (`[api] MAX_RESPONSE_ITEMS`, default 50). */
export const GITEA_PAGE_SIZE = 50;

/** What a scenario asks the sync to write. */
export interface SyncWork {
  /** Bot-authored issues (any state) that exist before the sync: the listing's length. */
  listed: number;
  creates: number;
  updates: number;
  /** Updates whose labels change (one labels call each). */
  labelChanges: number;
  /** Updates that §3.3 asks to comment on (ticks exist and steps changed). */
  updateComments: number;
  closes: number;
  reopens: number;
}

export interface CallCount {
  reads: number;
  writes: number;
}

export const NO_WORK: Omit<SyncWork, "listed"> = {
  creates: 0,
  updates: 0,
  labelChanges: 0,
  updateComments: 0,
  closes: 0,
  reopens: 0,
};

/** Listing pages: even an empty listing takes one request to learn that it is empty. */
export function listingPages(listed: number): number {
  return Math.max(1, Math.ceil(listed / GITEA_PAGE_SIZE));
}

/**
 * The floor of one sync, setup excluded: 1 raw document read + listing pages + 1 re-read per issue
 * written (creates have nothing to re-read); create 1, update 1 (+ labels, + comment), close 2,
 * reopen 2, and the one commit status every sync posts.
 */
export function syncFloor(work: SyncWork): CallCount {
  const rewritten = work.updates + work.closes + work.reopens;
  return {
    reads: 1 + listingPages(work.listed) + rewritten,
    writes:
      work.creates +
      work.updates +
      work.labelChanges +
      work.updateComments +
      2 * work.closes +
      2 * work.reopens +
      1,
  };
}

/** What a process reads or creates once per repository, as counted by `isSetupRequest`. */
export interface SetupNeeds {
  /** Configuration paths tried before one is found (both when none exists). */
  configPathsTried: number;
  /** Whether the last path tried held the configuration (default: none exists). */
  configFound?: boolean;
  /** Labels on the repository before the first sync. */
  existingLabels: number;
  /** Labels the sync needs that the repository lacks. */
  missingLabels: number;
}

/**
 * 1 repository read + config reads (a missing path costs 2: the raw read's 404, then the
 * contents API telling a missing file from a directory) + labels listing pages + one create
 * per missing label.
 */
export function setupFloor(needs: SetupNeeds): CallCount {
  const configReads = 2 * needs.configPathsTried - (needs.configFound ? 1 : 0);
  return {
    reads: 1 + configReads + listingPages(needs.existingLabels),
    writes: needs.missingLabels,
  };
}

/** A request as the fake logged it (the fields this module needs). */
export interface LoggedRequest {
  method: string;
  path: string;
  route: string | undefined;
}

/**
 * Per-process setup: the bot's login, the repository, its configuration files, and its labels
 * (listing and the creation of missing ones). Everything else belongs to the sync.
 */
export function isSetupRequest(request: LoggedRequest, configPaths: readonly string[]): boolean {
  const route = request.route ?? "";
  if (route === "GET /user") return true;
  if (route === "GET /repos/{owner}/{repo}") return true;
  if (route.endsWith("/repos/{owner}/{repo}/labels")) return true;
  const file = /^GET \/repos\/\{owner\}\/\{repo\}\/(contents|raw)\/\{filepath\}$/.exec(route);
  if (file) return configPaths.some((path) => request.path.endsWith(`/${file[1]}/${path}`));
  return false;
}

export interface SplitCount {
  setup: CallCount;
  sync: CallCount;
}

export function countRequests(
  requests: readonly LoggedRequest[],
  configPaths: readonly string[],
): SplitCount {
  const split: SplitCount = { setup: { reads: 0, writes: 0 }, sync: { reads: 0, writes: 0 } };
  for (const request of requests) {
    const bucket = isSetupRequest(request, configPaths) ? split.setup : split.sync;
    if (request.method === "GET") bucket.reads++;
    else bucket.writes++;
  }
  return split;
}

export function total(count: CallCount): number {
  return count.reads + count.writes;
}

/** measured / bound; 1 when both are 0; Infinity when only the bound is 0. */
export function ratio(measured: number, bound: number): number {
  if (bound === 0) return measured === 0 ? 1 : Number.POSITIVE_INFINITY;
  return measured / bound;
}

/** Sync wall-time floor N·L/C: N writes, L ms per request, C writes in flight. */
export function latencyFloorMs(writes: number, latencyMs: number, concurrency: number): number {
  return (writes * latencyMs) / concurrency;
}
