/**
 * Parse limits (SPEC §4, issue 13 case 2): nesting deeper than 64 levels and a parse past its
 * time budget stop with the `too-complex` error at the line where reading stopped.
 */
import { describe, expect, it } from "vitest";
import { parseRegister } from "../../../src/core/document/parse-register.js";

const finding = (id: string, extra = "") =>
  `## ${id}: Title of ${id}\n\n- **Error:** broken\n- **Suggested approach:**\n  1. Fix it\n${extra}- **Risk:** Low — fine\n\n`;

/** `depth` list items, each nested in the one before, under the approach item (one level more). */
const nestedList = (depth: number) =>
  Array.from(
    { length: depth },
    (_, level) => `${"  ".repeat(level + 1)}- level ${level + 1}\n`,
  ).join("");
/** A block quote `depth` levels deep. */
const nestedQuote = (depth: number) => `${"> ".repeat(depth)}deep\n`;

const lineOf = (doc: string, text: string) =>
  doc.split("\n").findIndex((line) => line.includes(text)) + 1;

describe("nesting", () => {
  it("64 levels are read", () => {
    const doc = finding("AB-1", nestedList(63)) + finding("AB-2", `  ${nestedQuote(63)}`);
    const result = parseRegister(doc);
    expect(result.findings.map((f) => f.id)).toEqual(["AB-1", "AB-2"]);
    expect(result.diagnostics).toEqual([]);
  });

  it.each([
    ["lists", nestedList(1000), "- level 64"],
    ["block quotes", `  ${nestedQuote(1000)}`, "deep"],
  ])("%s 1,000 deep: too-complex at the line it stopped, later findings unread", (_, deep, at) => {
    const doc = finding("AB-1") + finding("AB-2", deep) + finding("AB-3");
    const result = parseRegister(doc);
    expect(result.findings.map((f) => f.id)).toEqual(["AB-1"]);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ severity: "error", code: "too-complex", line: lineOf(doc, at) }),
    ]);
    expect(result.diagnostics[0]?.message).toMatch(/deeper than 64 levels/);
  });
});

describe("the time budget", () => {
  /** A clock that moves 10 ms each time it is read. */
  const ticking = () => {
    let now = 0;
    return () => (now += 10);
  };
  const doc = ["AB-1", "AB-2", "AB-3", "AB-4"].map((id) => finding(id)).join("");

  it("gives up at the section it reached with too-complex, keeping what it read", () => {
    const result = parseRegister(doc, { timeBudgetMs: 25, now: ticking() });
    expect(result.findings.map((f) => f.id)).toEqual(["AB-1", "AB-2"]);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        severity: "error",
        code: "too-complex",
        line: lineOf(doc, "AB-3"),
      }),
    ]);
    expect(result.diagnostics[0]?.message).toMatch(/time budget \(25 ms/);
  });

  it("within the budget changes nothing", () => {
    const result = parseRegister(doc, { timeBudgetMs: 1000, now: ticking() });
    expect(result).toEqual(parseRegister(doc));
  });
});
