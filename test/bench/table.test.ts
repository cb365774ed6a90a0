/** Formatting of the bench's one table: figures, bounds, ratios, alignment. */
import { describe, expect, it } from "vitest";
import {
  type BenchRow,
  formatBound,
  formatRatio,
  formatTable,
  formatValue,
  meetsBound,
} from "../../bench/table.js";

const row = (overrides: Partial<BenchRow>): BenchRow => ({
  section: "1 API economy",
  what: "no-op sync: requests",
  value: 6,
  unit: "requests",
  bound: { kind: "floor", value: 6 },
  ...overrides,
});

describe("formatValue", () => {
  it("writes milliseconds below a second, seconds with two decimals above", () => {
    expect(formatValue(3.04, "ms")).toBe("3.0 ms");
    expect(formatValue(812.4, "ms")).toBe("812 ms");
    expect(formatValue(1500, "ms")).toBe("1.50 s");
    expect(formatValue(62_541, "ms")).toBe("62.54 s");
  });

  it("counts as integers, megabytes to 0.1, growth with ×", () => {
    expect(formatValue(203, "requests")).toBe("203");
    expect(formatValue(17.6, "count")).toBe("18");
    expect(formatValue(349.44, "MB")).toBe("349.4 MB");
    expect(formatValue(7.853, "x")).toBe("7.85×");
    expect(formatValue(Number.NaN, "ms")).toBe("NaN");
  });
});

describe("formatBound", () => {
  it("names the kind of bound", () => {
    expect(formatBound({ kind: "floor", value: 203 }, "requests")).toBe("floor 203");
    expect(formatBound({ kind: "limit", value: 1500 }, "ms")).toBe("goal < 1.50 s");
    expect(formatBound({ kind: "equal", value: 2000 }, "count")).toBe("goal 2000");
    expect(formatBound({ kind: "reference", value: 94, label: "idle" }, "MB")).toBe("idle 94.0 MB");
    expect(formatBound(null, "ms")).toBe("—");
  });
});

describe("formatRatio and meetsBound", () => {
  it("ratio to two decimals; ∞ over a zero floor; — without a bound", () => {
    expect(formatRatio(row({ value: 17, bound: { kind: "floor", value: 17 } }))).toBe("1.00");
    expect(
      formatRatio(row({ value: 2100, unit: "ms", bound: { kind: "floor", value: 1250 } })),
    ).toBe("1.68");
    expect(formatRatio(row({ value: 1, bound: { kind: "floor", value: 0 } }))).toBe("∞");
    expect(formatRatio(row({ bound: null }))).toBe("—");
  });

  it("a floor is met only at the floor, a limit only below it, equal only when equal", () => {
    expect(meetsBound(row({ value: 6 }))).toBe(true);
    expect(meetsBound(row({ value: 7 }))).toBe(false);
    expect(meetsBound(row({ value: 1499, bound: { kind: "limit", value: 1500 } }))).toBe(true);
    expect(meetsBound(row({ value: 1500, bound: { kind: "limit", value: 1500 } }))).toBe(false);
    expect(meetsBound(row({ value: 1999, bound: { kind: "equal", value: 2000 } }))).toBe(false);
    expect(meetsBound(row({ value: 2000, bound: { kind: "equal", value: 2000 } }))).toBe(true);
    expect(meetsBound(row({ bound: { kind: "reference", value: 1 } }))).toBeNull();
    expect(meetsBound(row({ bound: null }))).toBeNull();
  });
});

describe("formatTable", () => {
  const rows = [
    row({ detail: "5 r + 1 w" }),
    row({
      section: "4 Parse",
      what: "10,000 findings: peak RSS",
      value: 349.4,
      unit: "MB",
      bound: { kind: "limit", value: 300 },
    }),
    row({ what: "pipes | escaped", bound: null, detail: "a|b" }),
  ];
  const lines = formatTable(rows).split("\n");

  it("is a Markdown table: header, rule, one line per row, every line as wide", () => {
    expect(lines).toHaveLength(2 + rows.length);
    expect(lines[0]).toMatch(
      /^\| measurement +\| figure +\| floor \/ goal +\| ratio +\| detail +\|$/,
    );
    expect(lines[1]).toMatch(/^\|-+\|-+\|-+\|-+\|-+\|$/);
    expect(new Set(lines.map((line) => line.length)).size).toBe(1);
  });

  it("puts each figure beside its bound and ratio", () => {
    const cells = (line: string | undefined) =>
      (line ?? "")
        .split(/(?<!\\)\|/)
        .slice(1, -1)
        .map((cell) => cell.trim());
    expect(cells(lines[2])).toEqual([
      "1 API economy: no-op sync: requests",
      "6",
      "floor 6",
      "1.00",
      "5 r + 1 w",
    ]);
    expect(cells(lines[3])).toEqual([
      "4 Parse: 10,000 findings: peak RSS",
      "349.4 MB",
      "goal < 300.0 MB",
      "1.16",
      "",
    ]);
    expect(cells(lines[4])).toEqual(["1 API economy: pipes \\| escaped", "6", "—", "—", "a\\|b"]);
  });
});
