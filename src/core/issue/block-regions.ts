/**
 * Where the managed block is in an issue body, including bodies a person broke.
 *
 * Every `deferbot:finding` start marker and `deferbot:end` marker is found. Regions of bot text:
 * - a start marker followed by an end marker: the whole block, start to end;
 * - a start marker with no end marker before the next start marker (or the end of the body): the
 *   old block reaches to the end of its last line that only the bot writes — the state line or a
 *   checklist step line with its marker — or is the start marker alone when there is none. Text
 *   after that line is kept as a person's;
 * - an end marker with no start marker: the old block starts at its first line that only the bot
 *   writes (source note, step line, state line) after the previous region, or is the end marker
 *   alone.
 * All bytes outside the regions belong to people.
 */
import {
  decodeMarkerId,
  END_MARKER_RE,
  SOURCE_NOTE_RE,
  START_MARKER_RE,
  STATE_MARKER_RE,
  STEP_LINE_RE,
} from "./markers.js";

export interface BlockRegion {
  start: number;
  /** Exclusive. */
  end: number;
  /** The finding ID of its start marker, or null when the start marker is missing. */
  findingId: string | null;
  /** Start and end marker both present. */
  complete: boolean;
}

interface Marker {
  kind: "start" | "end";
  index: number;
  end: number;
  id: string | null;
}

export interface BlockLayout {
  regions: BlockRegion[];
  markerCount: number;
}

/**
 * A sync reads each issue body several times over (which finding, its state, its twins, its
 * plan): the layouts of the bodies read last are kept. Layouts are never changed by callers.
 */
const recentLayouts = new Map<string, Readonly<BlockLayout>>();
const RECENT_LAYOUTS = 2000;

export function findBlockRegions(body: string): BlockLayout {
  const known = recentLayouts.get(body);
  if (known) return known;
  const layout = layoutOf(body);
  if (recentLayouts.size >= RECENT_LAYOUTS) recentLayouts.clear();
  recentLayouts.set(body, layout);
  return layout;
}

function layoutOf(body: string): BlockLayout {
  const markers = findMarkers(body);
  const regions: BlockRegion[] = [];
  let cursor = 0;
  for (let k = 0; k < markers.length; k++) {
    const marker = markers[k] as Marker;
    if (marker.kind === "start") {
      const next = markers[k + 1];
      if (next?.kind === "end") {
        regions.push({ start: marker.index, end: next.end, findingId: marker.id, complete: true });
        k++;
      } else {
        const limit = next?.index ?? body.length;
        const end = lastBotLineEnd(body, marker.end, limit) ?? marker.end;
        regions.push({ start: marker.index, end, findingId: marker.id, complete: false });
      }
    } else {
      const start = firstBotLineStart(body, cursor, marker.index) ?? marker.index;
      regions.push({ start, end: marker.end, findingId: null, complete: false });
    }
    cursor = (regions.at(-1) as BlockRegion).end;
  }
  return { regions, markerCount: markers.length };
}

function findMarkers(body: string): Marker[] {
  const markers: Marker[] = [];
  for (const m of body.matchAll(START_MARKER_RE)) {
    markers.push({
      kind: "start",
      index: m.index,
      end: m.index + m[0].length,
      id: decodeMarkerId(m[1] ?? ""),
    });
  }
  for (const m of body.matchAll(END_MARKER_RE)) {
    markers.push({ kind: "end", index: m.index, end: m.index + m[0].length, id: null });
  }
  return markers.sort((a, b) => a.index - b.index);
}

export interface Line {
  start: number;
  /** End of the line's text, before `\r\n` or `\n`. */
  end: number;
  text: string;
}

/** The lines of `body` between two offsets; the first may begin mid-line. */
export function linesBetween(body: string, from: number, to: number): Line[] {
  const lines: Line[] = [];
  let start = from;
  while (start <= to) {
    const newline = body.indexOf("\n", start);
    const stop = newline === -1 || newline > to ? to : newline;
    const end = stop > start && body[stop - 1] === "\r" ? stop - 1 : stop;
    lines.push({ start, end, text: body.slice(start, end) });
    if (stop === to) break;
    start = stop + 1;
  }
  return lines;
}

function isStateOrStepLine(text: string): boolean {
  return STATE_MARKER_RE.test(text) || STEP_LINE_RE.test(text);
}

function lastBotLineEnd(body: string, from: number, to: number): number | null {
  const lines = linesBetween(body, from, to).filter((line) => isStateOrStepLine(line.text));
  return lines.at(-1)?.end ?? null;
}

function firstBotLineStart(body: string, from: number, to: number): number | null {
  const line = linesBetween(body, from, to).find((l) =>
    l.start > from || from === 0 || body[from - 1] === "\n" ? isBotLine(l.text) : false,
  );
  return line?.start ?? null;
}

function isBotLine(text: string): boolean {
  return SOURCE_NOTE_RE.test(text) || isStateOrStepLine(text);
}

/** The regions of the issue's own block: those of `ownId` (default: the first whole block's ID) and those without an ID. */
export function ownRegions(regions: readonly BlockRegion[], ownId?: string): BlockRegion[] {
  const id =
    ownId ??
    regions.find((region) => region.findingId !== null && region.complete)?.findingId ??
    regions.find((region) => region.findingId !== null)?.findingId;
  return regions.filter((region) => region.findingId === null || region.findingId === id);
}
