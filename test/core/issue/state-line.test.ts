/** The state line: its encoding, and the edits that rewrite it alone. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { renderNewIssue } from "../../../src/core/issue/render-issue.js";
import {
  decodeState,
  encodeState,
  readState,
  setAllTickedNotice,
  setCloseRecord,
  updateState,
} from "../../../src/core/issue/state-line.js";
import type { BotState } from "../../../src/core/issue/types.js";
import { tick } from "../../fixtures/issue/issue-helpers.js";
import { MS_MED_006, seedContext } from "../../fixtures/issue/seed-findings.js";

const body = `Notes\n\n${tick(renderNewIssue(MS_MED_006, seedContext()).body, 2)}\n\nMore notes\n`;

const stateArb: fc.Arbitrary<BotState> = fc.record({
  v: fc.integer({ min: 1, max: 9 }),
  hash: fc.string(),
  sha: fc.string(),
  title: fc.string({ unit: "grapheme" }),
  labels: fc.array(fc.string()),
  closed: fc.option(
    fc.record({
      reason: fc.constantFrom("removed" as const, "ignored" as const, "twin" as const),
      sha: fc.string(),
    }),
    { nil: null },
  ),
  allTickedNotice: fc.boolean(),
});

describe("state line encoding", () => {
  it("round-trips and never contains `--`", () => {
    fc.assert(
      fc.property(stateArb, (state) => {
        const encoded = encodeState(state);
        expect(encoded).not.toContain("--");
        expect(encoded).toMatch(/^[A-Za-z0-9+/=]*$/);
        expect(decodeState(encoded)).toEqual(state);
      }),
    );
  });

  it("rejects what is not a state", () => {
    expect(decodeState("not base64 json")).toBeNull();
    expect(decodeState(Buffer.from('{"v":1}').toString("base64"))).toBeNull();
  });
});

describe("state line edits", () => {
  it("setCloseRecord rewrites only the state line", () => {
    const closed = setCloseRecord(body, { reason: "removed", sha: "abc123" });
    expect(readState(closed)?.closed).toEqual({ reason: "removed", sha: "abc123" });
    const strip = (text: string) => text.replace(/<!-- deferbot:state \S+ -->/, "");
    expect(strip(closed)).toBe(strip(body));
  });

  it("setCloseRecord(null) clears the record (reopen)", () => {
    const reopened = setCloseRecord(setCloseRecord(body, { reason: "twin", twinOf: 4 }), null);
    expect(readState(reopened)?.closed).toBeNull();
    expect(reopened).toBe(body);
  });

  it("setAllTickedNotice records the notice and keeps the rest of the state", () => {
    const noticed = setAllTickedNotice(body);
    expect(readState(noticed)).toEqual({ ...readState(body), allTickedNotice: true });
  });

  it("adds a state line to a whole block that lost it, with an empty hash", () => {
    const lost = body.replace(/<!-- deferbot:state \S+ -->\n/, "");
    const edited = setCloseRecord(lost, { reason: "ignored" });
    expect(readState(edited)).toMatchObject({ hash: "", closed: { reason: "ignored" } });
    expect(edited.replace(/<!-- deferbot:state \S+ -->\n/, "")).toBe(lost);
  });

  it("leaves a body without a block unchanged", () => {
    expect(updateState("no block here", (s) => ({ ...s, allTickedNotice: true }))).toBe(
      "no block here",
    );
    expect(readState("no block here")).toBeNull();
  });
});
