/**
 * The state line (§3.2), `<!-- deferbot:state … -->`: the bot's memory. Encoded as compact JSON
 * in standard base64, whose alphabet has no `-`, so the line never contains `--` and cannot end
 * its HTML comment early; it is one line, so edits a person makes elsewhere leave it intact.
 * Reading it, and rewriting it alone (close record, notice) so ticks and notes stay byte for byte.
 *
 * Version 2 carries the finding's ID (`id`), so an issue whose hidden marker a person edited is
 * still known by the finding the bot wrote it for (§3.1). Version 1 states (no `id`) are read
 * too: their ID is the one of the start marker of the block that holds them.
 */
import { type BlockRegion, findBlockRegions, ownRegions } from "./block-regions.js";
import { END_MARKER, END_MARKER_RE, STATE_MARKER_RE, startMarker, stateMarker } from "./markers.js";
import { type StoredState, storedState } from "./stored-state.js";
import type { BotState, CloseRecord } from "./types.js";

export const STATE_VERSION = 2;

/** Keys in a fixed order, so the same state always encodes to the same line. */
export function encodeState(state: BotState): string {
  const closed = state.closed && {
    reason: state.closed.reason,
    ...(state.closed.sha === undefined ? {} : { sha: state.closed.sha }),
    ...(state.closed.twinOf === undefined ? {} : { twinOf: state.closed.twinOf }),
  };
  const ordered = {
    v: state.v,
    id: state.id,
    hash: state.hash,
    sha: state.sha,
    title: state.title,
    labels: state.labels,
    closed,
    allTickedNotice: state.allTickedNotice,
    ...(state.fields === undefined ? {} : { fields: state.fields }),
    ...(state.changedOn === undefined ? {} : { changedOn: state.changedOn }),
    ...(state.fieldsSet === undefined ? {} : { fieldsSet: fieldsSetInOrder(state.fieldsSet) }),
  };
  return Buffer.from(JSON.stringify(ordered), "utf8").toString("base64");
}

/**
 * The state, or null when the text is not a state this version can read. A version 1 state has no
 * ID: `markerId` (the ID of its block's start marker) stands in, or "" when unknown.
 */
export function decodeState(encoded: string, markerId = ""): BotState | null {
  let decoded = recentStates.get(encoded);
  if (decoded === undefined) {
    decoded = validState(encoded);
    if (recentStates.size >= RECENT_STATES) recentStates.clear();
    recentStates.set(encoded, decoded);
  }
  if (decoded === null) return null;
  return decoded.id === undefined ? { ...decoded, id: markerId } : (decoded as BotState);
}

/**
 * A sync reads each issue's state several times over: the lines decoded last are kept, frozen,
 * and handed out as they are (a version 1 state gets a copy with its marker's ID).
 */
const recentStates = new Map<string, Readonly<StoredState> | null>();
const RECENT_STATES = 2000;

function validState(encoded: string): Readonly<StoredState> | null {
  let state: StoredState | null;
  try {
    state = storedState(JSON.parse(Buffer.from(encoded, "base64").toString("utf8")));
  } catch {
    return null;
  }
  return state === null ? null : deepFreeze(state);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

export function renderStateLine(state: BotState): string {
  return stateMarker(encodeState(state));
}

/** The state of the body's block (of finding `ownId`, when given), or null when there is none or it cannot be read. */
export function readState(body: string, ownId?: string): BotState | null {
  return readStateIn(body, ownRegions(findBlockRegions(body).regions, ownId));
}

/** The state of the block as parseIssueBody picks it (first whole block, else first start), else of any region. */
export function readStateIn(body: string, regions: readonly BlockRegion[]): BotState | null {
  const ordered = [...regions].sort(
    (a, b) => Number(b.findingId !== null) - Number(a.findingId !== null),
  );
  for (const region of ordered) {
    const state = regionState(body, region);
    if (state) return state;
  }
  return null;
}

/** Regions are kept per body (findBlockRegions), so a region's state is read once per sync. */
const regionStates = new WeakMap<BlockRegion, { body: string; state: BotState | null }>();

function regionState(body: string, region: BlockRegion): BotState | null {
  const known = regionStates.get(region);
  if (known !== undefined && known.body === body) return known.state;
  const m = STATE_MARKER_RE.exec(body.slice(region.start, region.end));
  const state = m ? decodeState(m[1] ?? "", region.findingId ?? "") : null;
  regionStates.set(region, { body, state });
  return state;
}

/**
 * Records how the bot closed the issue; null clears the record (on reopen). When the body has no
 * block to hold it (a person deleted it) and `findingId` is given, a block holding only the
 * state line is appended, so the record is not lost: a re-added finding is then reopened and
 * its block rendered in full.
 */
export function setCloseRecord(
  body: string,
  record: CloseRecord | null,
  findingId?: string,
): string {
  const written = updateState(body, (state) => ({ ...state, closed: record }), findingId);
  if (written !== body || record === null || findingId === undefined) return written;
  if (ownRegions(findBlockRegions(body).regions, findingId).some((r) => r.findingId !== null))
    return written;
  const state = renderStateLine({ ...emptyState(findingId), closed: record });
  const block = `${startMarker(findingId)}\n${state}\n${END_MARKER}`;
  return body.trim() === "" ? block : `${body}\n\n${block}`;
}

/**
 * Records the Gitea dependencies the bot set (`fieldsSet.dependencies`, SPEC §8) and nothing
 * else, after the dependency step linked them or before a close removed them.
 */
export function setDependenciesRecord(
  body: string,
  dependencies: readonly number[],
  ownId?: string,
): string {
  const sorted = [...new Set(dependencies)].sort((a, b) => a - b);
  return updateState(
    body,
    (state) => ({ ...state, fieldsSet: { ...state.fieldsSet, dependencies: sorted } }),
    ownId,
  );
}

/** Records that the all-steps-ticked comment was given. */
export function setAllTickedNotice(body: string, ownId?: string): string {
  return updateState(body, (state) => ({ ...state, allTickedNotice: true }), ownId);
}

/**
 * Rewrites the state line of the body's block and nothing else. A whole block without a readable
 * state line gets one just before its end marker, with an empty hash (so the next sync re-renders
 * the block). A body without a block is returned unchanged: there is nowhere to keep the state.
 */
export function updateState(
  body: string,
  change: (state: BotState) => BotState,
  ownId?: string,
): string {
  const regions = ownRegions(findBlockRegions(body).regions, ownId);
  const region =
    regions.find((r) => r.findingId !== null && r.complete) ??
    regions.find((r) => r.findingId !== null);
  if (!region) return body;
  const text = body.slice(region.start, region.end);
  const m = STATE_MARKER_RE.exec(text);
  const current = m ? decodeState(m[1] ?? "", region.findingId ?? "") : null;
  const next = change(current ?? emptyState(region.findingId ?? ""));
  // A version 1 state read here has its ID filled in from the marker: it is written as version 2.
  const line = renderStateLine({ ...next, v: Math.max(next.v, STATE_VERSION) });
  if (m) {
    const at = region.start + m.index;
    return body.slice(0, at) + line + body.slice(at + m[0].length);
  }
  const endMarker = region.complete ? [...text.matchAll(END_MARKER_RE)].at(-1) : undefined;
  if (!endMarker) return body;
  const at = region.start + endMarker.index;
  return `${body.slice(0, at)}${line}\n${body.slice(at)}`;
}

function fieldsSetInOrder(set: NonNullable<BotState["fieldsSet"]>): BotState["fieldsSet"] {
  return {
    ...(set.assignees === undefined ? {} : { assignees: set.assignees }),
    ...(set.dueDate === undefined ? {} : { dueDate: set.dueDate }),
    ...(set.milestone === undefined ? {} : { milestone: set.milestone }),
    ...(set.dependencies === undefined ? {} : { dependencies: set.dependencies }),
  };
}

function emptyState(id: string): BotState {
  return {
    v: STATE_VERSION,
    id,
    hash: "",
    sha: "",
    title: "",
    labels: [],
    closed: null,
    allTickedNotice: false,
  };
}
