/** Risk levels, file references and labels: the small readers the fields are built from. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildLabelTable, matchLabel } from "../../../src/core/document/field-labels.js";
import { parseFileRefs } from "../../../src/core/document/file-refs.js";
import { parseRisk } from "../../../src/core/document/risk.js";
import { DEFAULT_RISK_LEVELS } from "../../../src/core/document/types.js";

describe("parseRisk", () => {
  it.each([
    ["Medium — Mitigated by X.", { level: "medium", word: "Medium", rationale: "Mitigated by X." }],
    ["HIGH: bad", { level: "high", word: "HIGH", rationale: "bad" }],
    ["**Low** - fine", { level: "low", word: "Low", rationale: "fine" }],
    ["critical", { level: "critical", word: "critical", rationale: "" }],
    ["Unclear yet", { level: null, word: "Unclear", rationale: "Unclear yet" }],
    ["- a list", { level: null, word: "", rationale: "- a list" }],
  ])("reads %j", (value, expected) => {
    expect(parseRisk(value, DEFAULT_RISK_LEVELS)).toEqual(expected);
  });

  it.each([
    ["Élevé — à voir", { level: "élevé", word: "Élevé", rationale: "à voir" }],
    ["high—now", { level: "high", word: "high", rationale: "now" }],
    ["highé later", { level: null, word: "highé", rationale: "highé later" }],
  ])("reads a word with letters past ASCII in it: %j", (value, expected) => {
    expect(parseRisk(value, ["élevé", "high"])).toEqual(expected);
  });

  it("takes the same first word as the Unicode letters-and-digits pattern, for any text", () => {
    const pieces = fc.constantFrom(
      "high",
      "Low",
      "é",
      "ß",
      "٣",
      "1",
      " ",
      "—",
      "-",
      ":",
      "*",
      "x",
      "Ω",
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 8 }), (parts) => {
        const value = parts.join("");
        const text = value.trim();
        const lead = /^[*_`~]*/.exec(text)?.[0].length ?? 0;
        const expected = /^[\p{L}\p{N}]+/u.exec(text.slice(lead))?.[0] ?? "";
        expect(parseRisk(value, DEFAULT_RISK_LEVELS).word).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it("uses the configured levels", () => {
    expect(parseRisk("P1 - now", ["p1", "p2"])).toEqual({
      level: "p1",
      word: "P1",
      rationale: "now",
    });
  });
});

describe("parseFileRefs", () => {
  it.each([
    ["`a/b.ts`", [{ path: "a/b.ts" }]],
    ["`a/b.ts:19`", [{ path: "a/b.ts", startLine: 19 }]],
    ["`a/b.ts:19-40`", [{ path: "a/b.ts", startLine: 19, endLine: 40 }]],
    ["a.ts, b.ts:3", [{ path: "a.ts" }, { path: "b.ts", startLine: 3 }]],
    ["\n- `a.ts`\n- `b.ts#L4-L9`", [{ path: "a.ts" }, { path: "b.ts", startLine: 4, endLine: 9 }]],
    ["- a.ts\n- b.ts", [{ path: "a.ts" }, { path: "b.ts" }]],
    ["`app/jobs/` (44 files, `x`)", [{ path: "app/jobs/" }]],
    ["Multiple files across the codebase", []],
  ])("reads %j", (value, expected) => {
    expect(parseFileRefs(value)).toEqual(expected);
  });
});

describe("labels", () => {
  it.each([
    ["**File:** x", { label: "File", bold: true, length: 9 }],
    ["**File**: x", { label: "File", bold: true, length: 9 }],
    ["__Why deferred__: x", { label: "Why deferred", bold: true, length: 17 }],
    ["File: x", { label: "File", bold: false, length: 5 }],
    ["Related PRs / friction:", { label: "Related PRs / friction", bold: false, length: 23 }],
  ])("matches %j", (text, expected) => {
    expect(matchLabel(text)).toEqual(expected);
  });

  it.each(["**File** x", "**File:**: x", "http://x", "**Immediate** (Do First):", "`code`: x"])(
    "does not match %j",
    (text) => {
      expect(matchLabel(text)).toBeNull();
    },
  );

  it("maps aliases in any case and adds configured ones", () => {
    const table = buildLabelTable({ approach: ["Next steps"], risk: ["Exposure"] });
    expect(table.get("why deferred")).toBe("reason");
    expect(table.get("file(s)")).toBe("file");
    expect(table.get("next steps")).toBe("approach");
    expect(table.get("exposure")).toBe("risk");
  });
});

describe("parseFileRefs keeps parentheses inside paths", () => {
  it("reads a route-group path", () => {
    expect(parseFileRefs("`app/(group)/page.tsx:3` (the page)")).toEqual([
      { path: "app/(group)/page.tsx", startLine: 3 },
    ]);
    expect(parseFileRefs("app/(group)/page.tsx")).toEqual([{ path: "app/(group)/page.tsx" }]);
  });
});
