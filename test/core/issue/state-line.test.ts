/** The state line: its encoding, and the edits that rewrite it alone. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { reconcileIssue } from "../../../src/core/issue/reconcile-issue.js";
import { renderNewIssue } from "../../../src/core/issue/render-issue.js";
import {
  decodeState,
  encodeState,
  readState,
  renderStateLine,
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
  id: fc.string(),
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

describe("state line version 2: the finding's ID", () => {
  const v1State = {
    v: 1,
    hash: MS_MED_006.hash,
    sha: "a".repeat(40),
    title: "MS-MED-006: old title",
    labels: ["deferred-error"],
    closed: null,
    allTickedNotice: false,
  };
  const v1Line = `<!-- deferbot:state ${Buffer.from(JSON.stringify(v1State)).toString("base64")} -->`;
  const v1Body = body.replace(/<!-- deferbot:state \S+ -->/, v1Line);

  it("records the ID in what the bot writes", () => {
    expect(readState(body)).toMatchObject({ v: 2, id: "MS-MED-006" });
    const encoded = /<!-- deferbot:state (\S+) -->/.exec(body)?.[1] ?? "";
    expect(JSON.parse(Buffer.from(encoded, "base64").toString("utf8"))).toMatchObject({
      v: 2,
      id: "MS-MED-006",
    });
  });

  it("keeps naming the bot's finding when a person edits the hidden marker", () => {
    const hijacked = body.replace(
      "deferbot:finding id=MS-MED-006",
      "deferbot:finding id=MS-MED-008",
    );
    expect(readState(hijacked)?.id).toBe("MS-MED-006");
  });

  it("reads a version 1 state, its ID taken from the block's marker", () => {
    expect(readState(v1Body)).toEqual({ ...v1State, id: "MS-MED-006" });
    expect(decodeState(/<!-- deferbot:state (\S+) -->/.exec(v1Line)?.[1] ?? "")?.id).toBe("");
  });

  it("writes a version 1 state back as version 2 when it rewrites it", () => {
    const closed = setCloseRecord(v1Body, { reason: "removed", sha: "b".repeat(40) });
    expect(readState(closed)).toMatchObject({ v: 2, id: "MS-MED-006", hash: MS_MED_006.hash });
  });

  it("a version 1 issue whose finding did not change is not rewritten for the version alone", () => {
    const change = reconcileIssue(
      { title: "MS-MED-006: old title", body: v1Body, labels: [] },
      MS_MED_006,
      seedContext(),
    );
    expect(change.body).toBeNull();
  });

  it("never contains `--`, whatever the ID", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (id) => {
        const line = renderStateLine({ ...v1State, v: 2, id });
        expect(line.slice(4, -3)).not.toContain("--");
      }),
    );
  });
});
