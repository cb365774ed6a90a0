/** The state line's `changedOn` and `fieldsSet` (SPEC §8): written, read back, absent in older lines. */
import { describe, expect, it } from "vitest";
import { decodeState, encodeState, renderStateLine } from "../../../src/core/issue/state-line.js";
import type { BotState } from "../../../src/core/issue/types.js";

const base: BotState = {
  v: 2,
  id: "TD-001",
  hash: "h",
  sha: "s",
  title: "TD-001: t",
  labels: ["deferred-error"],
  closed: null,
  allTickedNotice: false,
};

describe("changedOn and fieldsSet in the state line", () => {
  it("round-trip, in a fixed key order, and never contain `--`", () => {
    const state: BotState = {
      ...base,
      changedOn: "2026-12-01",
      fieldsSet: { dependencies: [3], assignees: ["alice"], dueDate: null },
    };
    const encoded = encodeState(state);
    expect(decodeState(encoded)).toEqual({
      ...state,
      fieldsSet: { assignees: ["alice"], dueDate: null, dependencies: [3] },
    });
    expect(
      encodeState({
        ...state,
        fieldsSet: { assignees: ["alice"], dueDate: null, dependencies: [3] },
      }),
    ).toBe(encoded);
    expect(renderStateLine(state).slice(4, -3)).not.toContain("--");
  });

  it("a line written before them reads with neither", () => {
    const older = encodeState(base);
    const read = decodeState(older);
    expect(read?.changedOn).toBeUndefined();
    expect(read?.fieldsSet).toBeUndefined();
  });

  it("a malformed date makes the state unreadable rather than shown", () => {
    const json = JSON.stringify({ ...base, changedOn: "yesterday" });
    expect(decodeState(Buffer.from(json).toString("base64"))).toBeNull();
  });
});
