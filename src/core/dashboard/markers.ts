/** The hidden markers of the dashboard's managed block (SPEC §8), written and found. */
import { decodeMarkerId, encodeMarkerId } from "../issue/markers.js";

/** Label the dashboard carries besides the bot label. */
export const DASHBOARD_LABEL = "deferbot/dashboard";

export const DASHBOARD_END_MARKER = "<!-- deferbot:dashboard-end -->";

/** `<!-- deferbot:dashboard document=PATH -->`; a path that could end the comment is encoded. */
export function dashboardMarker(documentPath: string): string {
  return `<!-- deferbot:dashboard document=${encodeMarkerId(documentPath)} -->`;
}

/** Like the tracking issue's markers, they count only on a line of their own. */
export const DASHBOARD_MARKER_RE =
  /^[ \t]*<!--[ \t]*deferbot:dashboard[ \t]+document=([^\s>]+?)[ \t]*-->(?=[ \t]*\r?$)/gm;
export const DASHBOARD_END_RE = /^[ \t]*<!--[ \t]*deferbot:dashboard-end[ \t]*-->(?=[ \t]*\r?$)/gm;
export const DASHBOARD_STATE_RE =
  /<!--[ \t]*deferbot:dashboard-state[ \t]+([A-Za-z0-9+/=]*)[ \t]*-->/;
/** The note that opens the block: bounds an old block whose start marker a person deleted. */
export const DASHBOARD_NOTE_RE = /^Overview of \[.*\]\(.*\) kept by deferbot\./;

export function decodeDocumentPath(encoded: string): string {
  return decodeMarkerId(encoded);
}
