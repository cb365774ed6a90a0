/** The cold-start rows: each figure against its goal, a multiple of the bare start of the same run. */
import { describe, expect, it } from "vitest";
import { type ColdStartResult, coldStartRows, GOALS, ROUNDS } from "../../bench/cold-start.js";
import { meetsBound } from "../../bench/table.js";

const result = (versionMs: number, planMs: number): ColdStartResult => ({
  rounds: ROUNDS,
  bareMs: 40,
  versionMs,
  planMs,
  runsMs: { bare: [], version: [], plan: [] },
});

describe("coldStartRows", () => {
  it("takes the median of at least 7 rounds", () => {
    expect(ROUNDS).toBeGreaterThanOrEqual(7);
  });

  it("bounds --version by 1.5× and plan by 3× the bare start", () => {
    const [bare, version, plan] = coldStartRows(result(50, 100));
    expect(bare?.bound).toBeNull();
    expect(version?.bound).toEqual({ kind: "limit", value: GOALS.version * 40 });
    expect(plan?.bound).toEqual({ kind: "limit", value: GOALS.plan * 40 });
    expect(version?.detail).toBe("1.25× bare node (goal ≤ 1.5×)");
    expect(coldStartRows(result(50, 100)).map(meetsBound)).toEqual([null, true, true]);
  });

  it("marks a start slower than its goal as missed", () => {
    expect(coldStartRows(result(70, 130)).map(meetsBound)).toEqual([null, false, false]);
  });
});
