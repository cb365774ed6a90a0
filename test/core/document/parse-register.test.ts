import { describe, expect, it } from "vitest";
import { parseRegister } from "../../../src/core/document/parse-register.js";

const finding = (id: string, title: string, risk = "Low") =>
  [
    `## ${id}: ${title}`,
    "",
    `- **Error:** ${title} is broken`,
    "- **Suggested approach:**",
    "  1. Fix it",
    "  2. Test it",
    `- **Risk:** ${risk}`,
    "",
    "---",
    "",
  ].join("\n");

describe("parseRegister", () => {
  it("returns nothing for an empty document", () => {
    expect(parseRegister("")).toEqual({ findings: [], diagnostics: [] });
    expect(parseRegister(new Uint8Array())).toEqual({ findings: [], diagnostics: [] });
  });

  it("ends a section's span at its last content line, before blank lines and thematic breaks", () => {
    const { findings } = parseRegister(
      `# Register\n\n${finding("A-1", "One")}${finding("A-2", "Two")}`,
    );
    expect(findings.map((f) => f.span)).toEqual([
      { startLine: 3, endLine: 9 },
      { startLine: 12, endLine: 18 },
    ]);
  });

  it("keeps a finding's hash when it moves or another finding changes, not when it changes", () => {
    const before = parseRegister(finding("A-1", "One") + finding("A-2", "Two")).findings;
    const moved = parseRegister(
      `# Intro\n\nText.\n\n${finding("A-2", "Two")}${finding("A-1", "One")}`,
    );
    const edited = parseRegister(finding("A-1", "One", "High") + finding("A-2", "Two")).findings;
    const hash = (list: typeof before, id: string) => list.find((f) => f.id === id)?.hash;
    expect(hash(moved.findings, "A-1")).toBe(hash(before, "A-1"));
    expect(hash(moved.findings, "A-2")).toBe(hash(before, "A-2"));
    expect(hash(edited, "A-2")).toBe(hash(before, "A-2"));
    expect(hash(edited, "A-1")).not.toBe(hash(before, "A-1"));
    expect(hash(before, "A-1")).toMatch(/^[0-9a-f]{16}$/);
  });

  it("ends a section at the next heading of the same or higher level, keeping deeper ones", () => {
    const text = [
      "## A-1: Outer",
      "- **Error:** x",
      "#### Notes",
      "- **Extra:** kept",
      "## Next group",
      "- **Error:** not A-1's",
    ].join("\n");
    const [first] = parseRegister(text).findings;
    expect(first?.span).toEqual({ startLine: 1, endLine: 4 });
    expect(first?.fields.map((f) => [f.key, f.label, f.value])).toEqual([
      ["error", "Error", "x\n#### Notes"],
      [null, "Extra", "kept"],
    ]);
  });

  it("reads headings at levels 2 to 4 only", () => {
    const text = "# H-1: top\n## H-2: two\n### H-3: three\n#### H-4: four\n##### H-5: five\n";
    expect(parseRegister(text).findings.map((f) => f.id)).toEqual(["H-2", "H-3", "H-4"]);
  });

  it("uses configured field aliases and risk levels", () => {
    const text = "## A-1: x\n\n- **Next steps:**\n  1. one\n- **Exposure:** P2 - soon\n";
    const { findings, diagnostics } = parseRegister(text, {
      fieldAliases: { approach: ["Next steps"], risk: ["Exposure"] },
      riskLevels: ["p1", "p2"],
    });
    expect(findings[0]?.steps.map((s) => s.text)).toEqual(["one"]);
    expect(findings[0]?.risk).toEqual({ level: "p2", word: "P2", rationale: "soon" });
    expect(diagnostics.map((d) => d.code)).toEqual(["missing-error"]);
  });

  it("reports an invalid ID pattern and falls back to the default", () => {
    const { findings, diagnostics } = parseRegister(finding("A-1", "One"), { idPattern: "(" });
    expect(findings.map((f) => f.id)).toEqual(["A-1"]);
    expect(diagnostics).toEqual([
      expect.objectContaining({ severity: "error", code: "invalid-id-pattern", line: 1 }),
    ]);
  });

  it("reports invalid UTF-8 at its line and still reads the findings", () => {
    const bytes = new TextEncoder().encode(`${finding("A-1", "One")}## A-2: bad \u0000 byte\n`);
    const bad = bytes.indexOf(0);
    bytes[bad] = 0xff;
    const { findings, diagnostics } = parseRegister(bytes);
    expect(findings.map((f) => f.id)).toEqual(["A-1", "A-2"]);
    expect(diagnostics.filter((d) => d.severity === "error")).toEqual([
      expect.objectContaining({ code: "invalid-utf8", line: 10, column: 13 }),
    ]);
  });

  it("reports a document over the size limit without parsing it", () => {
    const text = finding("A-1", "One");
    const result = parseRegister(text, { maxBytes: 50 });
    expect(result.findings).toEqual([]);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ severity: "error", code: "too-large", line: 1 }),
    ]);
    expect(
      parseRegister(new TextEncoder().encode(text), { maxBytes: 50 }).diagnostics[0]?.code,
    ).toBe("too-large");
  });

  it("reads steps from a list that is not indented under its list-item label", () => {
    const text = "## A-1: x\n\n- **Suggested approach:**\n1. one\n2. two\n- **Risk:** Low\n";
    const [first] = parseRegister(text).findings;
    expect(first?.steps.map((s) => [s.text, s.line])).toEqual([
      ["one", 4],
      ["two", 5],
    ]);
    expect(first?.risk?.level).toBe("low");
  });

  it("keeps extra fields in order and several labelled lines of one paragraph apart", () => {
    const text = "## A-1: x\n\nStatus: open\nOwner: platform\n**Error:** e\n\nRisk: low\n";
    const { findings } = parseRegister(text);
    expect(findings[0]?.fields.map((f) => [f.key, f.label, f.value, f.span.startLine])).toEqual([
      [null, "Status", "open", 3],
      [null, "Owner", "platform", 4],
      ["error", "Error", "e", 5],
      ["risk", "Risk", "low", 7],
    ]);
  });

  it("does not take plain prose with a colon for a label in a section written with bold labels", () => {
    const text = "## A-1: x\n\n**Error:** e\n\nFor example:\n\n- a\n\n**Risk:** Low\n";
    const { findings } = parseRegister(text);
    expect(findings[0]?.fields.map((f) => f.label)).toEqual(["Error", "Risk"]);
    expect(findings[0]?.error).toBe("e\n\nFor example:\n\n- a");
  });
});
