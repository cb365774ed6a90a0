/** The one table the bench prints: each figure beside its floor or goal, and the ratio. */
import { ratio } from "./floor.js";

export type Unit = "requests" | "ms" | "MB" | "x" | "count";

/**
 * `floor`: the least possible (ratio 1.00 is perfect); `limit`: the figure must stay below it
 * (ratio under 1.00 meets it); `equal`: the figure must be exactly it (every delivery answered);
 * `reference`: another figure to compare with, no goal (its `label` names it).
 */
export type BoundKind = "floor" | "limit" | "equal" | "reference";

export interface Bound {
  kind: BoundKind;
  value: number;
  label?: string;
}

export interface BenchRow {
  /** e.g. `1 API economy`. */
  section: string;
  what: string;
  value: number;
  unit: Unit;
  bound: Bound | null;
  /** Breakdown or context, e.g. `2 reads + 201 writes`. */
  detail?: string;
}

export function formatValue(value: number, unit: Unit): string {
  if (!Number.isFinite(value)) return String(value);
  switch (unit) {
    case "requests":
    case "count":
      return String(Math.round(value));
    case "ms":
      return value < 1000
        ? `${value.toFixed(value < 10 ? 1 : 0)} ms`
        : `${(value / 1000).toFixed(2)} s`;
    case "MB":
      return `${value.toFixed(1)} MB`;
    case "x":
      return `${value.toFixed(2)}×`;
  }
}

export function formatBound(bound: Bound | null, unit: Unit): string {
  if (bound === null) return "—";
  const value = formatValue(bound.value, unit);
  switch (bound.kind) {
    case "floor":
      return `floor ${value}`;
    case "limit":
      return `goal < ${value}`;
    case "equal":
      return `goal ${value}`;
    case "reference":
      return `${bound.label ?? "vs"} ${value}`;
  }
}

export function formatRatio(row: BenchRow): string {
  if (row.bound === null) return "—";
  const r = ratio(row.value, row.bound.value);
  return Number.isFinite(r) ? r.toFixed(2) : "∞";
}

/** Whether the figure meets its bound: at the floor, under the limit, equal; null for a reference. */
export function meetsBound(row: BenchRow): boolean | null {
  if (row.bound === null) return null;
  const r = ratio(row.value, row.bound.value);
  switch (row.bound.kind) {
    case "floor":
      return r <= 1;
    case "limit":
      return r < 1;
    case "equal":
      return r === 1;
    case "reference":
      return null;
  }
}

const HEADER = ["measurement", "figure", "floor / goal", "ratio", "detail"] as const;

function escapeCell(text: string): string {
  return text.replaceAll("|", "\\|");
}

/** A Markdown table (aligned, so it reads in a terminal too). */
export function formatTable(rows: readonly BenchRow[]): string {
  const cells = rows.map((row) => [
    `${row.section}: ${row.what}`,
    formatValue(row.value, row.unit),
    formatBound(row.bound, row.unit),
    formatRatio(row),
    row.detail ?? "",
  ]);
  const all = [[...HEADER], ...cells].map((line) => line.map(escapeCell));
  const widths = HEADER.map((_, column) =>
    Math.max(...all.map((line) => (line[column] ?? "").length)),
  );
  const render = (line: string[]) =>
    `| ${line.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(" | ")} |`;
  const rule = `|${widths.map((width) => "-".repeat(width + 2)).join("|")}|`;
  const [head = [], ...body] = all;
  return [render(head), rule, ...body.map(render)].join("\n");
}
