/**
 * Where the dashboard's managed block is in its body, and the body with a new block in its
 * place: every byte outside the block is a person's and is kept as it was. Bounded the way a
 * tracking issue's block is (block-regions.ts): start and end marker; a start marker alone
 * reaches to its state line; an end marker alone starts at the block's opening note.
 */
import { linesBetween } from "../issue/block-regions.js";
import {
  DASHBOARD_END_RE,
  DASHBOARD_MARKER_RE,
  DASHBOARD_NOTE_RE,
  DASHBOARD_STATE_RE,
  decodeDocumentPath,
} from "./markers.js";

export interface DashboardBlockSpan {
  start: number;
  /** Exclusive. */
  end: number;
  /** The register its start marker names, or null when the start marker is missing. */
  documentPath: string | null;
  complete: boolean;
}

/** The first block of the body, or null when it has neither marker. */
export function findDashboardBlock(body: string): DashboardBlockSpan | null {
  const start = firstMatch(DASHBOARD_MARKER_RE, body, 0);
  if (start) {
    const end = firstMatch(DASHBOARD_END_RE, body, start.index);
    if (end) {
      return {
        start: start.index,
        end: end.index + end[0].length,
        documentPath: decodeDocumentPath(start[1] ?? ""),
        complete: true,
      };
    }
    const state = linesBetween(body, start.index, body.length).filter((line) =>
      DASHBOARD_STATE_RE.test(line.text),
    );
    return {
      start: start.index,
      end: state.at(-1)?.end ?? start.index + start[0].length,
      documentPath: decodeDocumentPath(start[1] ?? ""),
      complete: false,
    };
  }
  const end = firstMatch(DASHBOARD_END_RE, body, 0);
  if (!end) return null;
  const note = linesBetween(body, 0, end.index).find((line) => DASHBOARD_NOTE_RE.test(line.text));
  return {
    start: note?.start ?? end.index,
    end: end.index + end[0].length,
    documentPath: null,
    complete: false,
  };
}

/** The register a dashboard body names in its start marker, or null. */
export function dashboardDocumentPath(body: string): string | null {
  return findDashboardBlock(body)?.documentPath ?? null;
}

/** The block as it stands in the body, or null. */
export function currentDashboardBlock(body: string): string | null {
  const span = findDashboardBlock(body);
  return span ? body.slice(span.start, span.end) : null;
}

/** The body with `block` in place of the old one (first when there was none); people's bytes kept. */
export function withDashboardBlock(body: string, block: string): string {
  const span = findDashboardBlock(body);
  if (!span) return body.trim() === "" ? block : `${block}\n\n${body}`;
  return body.slice(0, span.start) + block + body.slice(span.end);
}

function firstMatch(re: RegExp, body: string, from: number): RegExpExecArray | null {
  const global = new RegExp(re.source, re.flags);
  global.lastIndex = from;
  return global.exec(body);
}
