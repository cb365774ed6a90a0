/** IDs that differ only by case or Unicode normalisation are a warning (SPEC §2.2), not merged. */
import { describe, expect, it } from "vitest";
import { parseRegister } from "../../../src/core/document/parse-register.js";

const finding = (id: string) =>
  `## ${id}: Title\n\n- **Error:** broken\n- **Suggested approach:**\n  1. Fix it\n- **Risk:** Low — fine\n\n`;

describe("similar IDs", () => {
  it.each([
    ["case", "AB-1", "ab-1", "[A-Za-z]+-\\d+"],
    ["NFC (composed and decomposed é)", "CAF\u00c9-1", "CAFE\u0301-1", "[^\\s:]+"],
    ["NFKC (full-width digit)", "AB-1", "AB-\uff11", "[^\\s:]+"],
  ])("differing by %s: both findings, one warning naming both lines", (_, a, b, idPattern) => {
    const doc = `# Register\n\n${finding(a)}${finding(b)}`;
    const result = parseRegister(doc, { idPattern });
    expect(result.findings.map((f) => f.id)).toEqual([a, b]);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ severity: "warning", code: "similar-ids", line: 10, findingId: b }),
    ]);
    expect(result.diagnostics[0]?.message).toContain("(line 3)");
    expect(result.diagnostics[0]?.message).toContain("(line 10)");
  });

  it("distinct IDs give no warning", () => {
    const doc = finding("AB-1") + finding("AB-2");
    expect(parseRegister(doc).diagnostics).toEqual([]);
  });
});
