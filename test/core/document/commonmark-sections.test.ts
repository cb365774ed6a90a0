/**
 * Sections end where CommonMark says a document heading starts (issue 13, cases 4 and 5):
 * HTML blocks that hide finding headings are errors, and setext-looking lines or `#` lines
 * inside list items and block quotes end no section.
 */
import { describe, expect, it } from "vitest";
import { removeFindingSection } from "../../../src/core/commands/remove-finding.js";
import { parseRegister } from "../../../src/core/document/parse-register.js";

/** A finding whose fields are list items; `reason` may span several lines. */
const listFinding = (id: string, reason = "Waiting on the vendor.") =>
  [
    `## ${id}: Title of ${id}`,
    "",
    "- **File:** `src/a.ts:1-2`",
    "- **Error:** It breaks.",
    `- **Reason:** ${reason}`,
    "- **Suggested approach:**",
    "  1. First step",
    "  2. Second step",
    "- **Risk:** Low — only tests",
    "",
    "",
  ].join("\n");

/** A finding whose fields are paragraphs. */
const paragraphFinding = (id: string, reason = "Waiting on the vendor.") =>
  [
    `## ${id}: Title of ${id}`,
    "",
    "**Error**: It breaks.",
    "",
    `**Reason**: ${reason}`,
    "",
    "**Suggested approach**:",
    "1. First step",
    "2. Second step",
    "",
    "**Risk**: Low — only tests",
    "",
    "",
  ].join("\n");

const IDS = ["AB-1", "AB-2", "AB-3", "AB-4", "AB-5"];
const register = (finding: (id: string, reason?: string) => string, reasonOf2: string) =>
  `# Deferred\n\n${IDS.map((id) => (id === "AB-2" ? finding(id, reasonOf2) : finding(id))).join("")}`;
const lineOf = (doc: string, text: string) => doc.split("\n").indexOf(text) + 1;
const errors = (doc: string) =>
  parseRegister(doc).diagnostics.filter((d) => d.severity === "error");

describe("an HTML block that never closes (case 4)", () => {
  it("hiding finding headings is the unclosed-html error at the opener's line", () => {
    const doc = register(paragraphFinding, "Waiting on the vendor.\n  <!-- ask Sam");
    const result = parseRegister(doc);
    expect(result.findings.map((f) => f.id)).toEqual(["AB-1", "AB-2"]);
    const error = result.diagnostics.find((d) => d.code === "unclosed-html");
    expect(error).toMatchObject({ severity: "error", line: lineOf(doc, "  <!-- ask Sam") });
    expect(error?.message).toMatch(/finding headings at lines \d+, \d+, \d+ are read as HTML/);
  });

  it.each([
    ["<pre>", "   <pre>"],
    ["<script>", "<script>"],
    ["<style>", "  <style type='text/css'>"],
    ["<textarea>", "<textarea>"],
  ])("%s left open is the same error", (_, opener) => {
    const doc = register(paragraphFinding, `see below\n\n${opener}\nsome text`);
    expect(errors(doc)).toEqual([
      expect.objectContaining({ code: "unclosed-html", line: lineOf(doc, opener) }),
    ]);
  });

  it("inside a list item ends with the item, as in CommonMark: all findings are read", () => {
    const doc = register(listFinding, "Waiting on the vendor.\n  <!-- ask Sam");
    const result = parseRegister(doc);
    expect(result.findings.map((f) => f.id)).toEqual(IDS);
    expect(result.diagnostics).toEqual([]);
  });

  it("a block that ends at a blank line and swallows a heading is an error too", () => {
    const doc = `${listFinding("AB-1")}<details>\n## AB-2: Hidden\n\n- **Error:** x\n`;
    const result = parseRegister(doc);
    expect(result.findings.map((f) => f.id)).toEqual(["AB-1"]);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ code: "unclosed-html", line: lineOf(doc, "<details>") }),
    ]);
  });

  it("a closed comment around a finding hides it on purpose: no diagnostic", () => {
    const doc = `${listFinding("AB-1")}<!--\n${listFinding("AB-2")}-->\n\n${listFinding("AB-3")}`;
    const result = parseRegister(doc);
    expect(result.findings.map((f) => f.id)).toEqual(["AB-1", "AB-3"]);
    expect(result.diagnostics).toEqual([]);
  });
});

describe("setext-looking and # lines inside list items (case 5)", () => {
  const reason = "It depends on:\n\n  text\n  ---\n\n  and more text";
  const doc = register(listFinding, reason);

  it("end no section: the finding keeps its steps and risk, with no warnings", () => {
    const result = parseRegister(doc);
    expect(result.findings.map((f) => f.id)).toEqual(IDS);
    expect(result.diagnostics).toEqual([]);
    const finding = result.findings[1];
    expect(finding?.steps.map((step) => step.text)).toEqual(["First step", "Second step"]);
    expect(finding?.risk).toMatchObject({ level: "low", rationale: "only tests" });
  });

  it("`/deferbot resolve` removes the whole section, byte for byte", () => {
    const finding = parseRegister(doc).findings.find((f) => f.id === "AB-2");
    if (!finding) throw new Error("AB-2 not found");
    const without = `# Deferred\n\n${IDS.filter((id) => id !== "AB-2")
      .map((id) => listFinding(id))
      .join("")}`;
    expect(removeFindingSection(doc, finding.span)).toBe(without);
  });

  it.each([
    ["a # line in a list item", "see\n\n  # not a heading\n\n  more"],
    ["a === underline in a list item", "see\n\n  text\n  ==="],
    ["a setext pair in a nested list item", "see\n  - sub\n\n    text\n    ---"],
    ["a setext pair in a block quote", "see\n\n  > quoted\n  > ---"],
    ["a # line in a block quote", "see\n\n  > # quoted heading"],
  ])("%s ends no section either", (_, text) => {
    const result = parseRegister(register(listFinding, text));
    expect(result.findings.map((f) => f.id)).toEqual(IDS);
    expect(result.findings[1]?.steps).toHaveLength(2);
    expect(result.diagnostics).toEqual([]);
  });

  it("a setext heading at the top of the document still is one", () => {
    const doc = `${listFinding("AB-1")}Notes\n-----\n\n${listFinding("AB-2")}`;
    const result = parseRegister(doc);
    expect(result.findings.map((f) => f.id)).toEqual(["AB-1", "AB-2"]);
    expect(result.findings[0]?.span.endLine).toBeLessThan(lineOf(doc, "Notes"));
  });
});
