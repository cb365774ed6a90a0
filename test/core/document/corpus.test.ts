/**
 * Real registers from ../shared/corpus: the heading-per-finding files give the counts in
 * corpus/SOURCES.md; every file parses without throwing and with a line on each diagnostic.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseRegister } from "../../../src/core/document/parse-register.js";
import type { ParseOptions } from "../../../src/core/document/types.js";
import { sharedPath } from "../../support/shared.js";

const corpus = sharedPath("corpus", "corpus tests");

/** File prefix → ID pattern and the human count from SOURCES.md (heading-per-finding family). */
const COUNTED: Record<string, { options: ParseOptions; findings: number }> = {
  "01-": { options: { idPattern: "\\d+" }, findings: 12 },
  "03-": { options: { idPattern: "\\d+" }, findings: 5 },
  "04-": { options: { idPattern: "\\d+" }, findings: 5 },
  "05-": { options: { idPattern: "deferred/[a-z0-9-]+" }, findings: 11 },
};

describe.skipIf(corpus === null)("corpus registers", () => {
  const files = corpus ? readdirSync(corpus).filter((file) => /^\d\d-.*\.md$/.test(file)) : [];

  it("has the corpus files", () => {
    expect(files.length).toBeGreaterThanOrEqual(5);
  });

  for (const file of files) {
    const counted = Object.entries(COUNTED).find(([prefix]) => file.startsWith(prefix))?.[1];
    it(`${file}: parses, every diagnostic has a line${counted ? `, ${counted.findings} findings` : ""}`, () => {
      const bytes = readFileSync(join(corpus ?? "", file));
      const lineCount = bytes.toString("utf8").split(/\r\n|\r|\n/).length;
      for (const options of [{}, counted?.options ?? {}]) {
        const result = parseRegister(bytes, options);
        for (const diagnostic of result.diagnostics) {
          expect(Number.isInteger(diagnostic.line)).toBe(true);
          expect(diagnostic.line).toBeGreaterThanOrEqual(1);
          expect(diagnostic.line).toBeLessThanOrEqual(lineCount);
        }
        expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      }
      if (counted) {
        const result = parseRegister(bytes, counted.options);
        expect(result.findings).toHaveLength(counted.findings);
        expect(new Set(result.findings.map((finding) => finding.id)).size).toBe(counted.findings);
      }
    });
  }
});

describe.skipIf(corpus === null)("corpus details", () => {
  const read = (prefix: string, idPattern: string) => {
    const file = readdirSync(corpus ?? "").find((name) => name.startsWith(prefix)) ?? "";
    return parseRegister(readFileSync(join(corpus ?? "", file)), { idPattern });
  };

  it("01: numbered headings with numbered required actions, colon outside the bold", () => {
    const { findings } = read("01-", "\\d+");
    expect(findings.map((finding) => finding.id)).toEqual(
      Array.from({ length: 12 }, (_, i) => String(i + 1)),
    );
    expect(findings[0]?.title).toBe("MosAIc Stack Services Not Running");
    expect(findings[0]?.steps).toHaveLength(5);
    expect(findings[4]?.steps[2]?.details).toContain("git remote add gitea");
  });

  it("05: slug IDs, and the template heading inside the fence is not a finding", () => {
    const { findings } = read("05-", "deferred/[a-z0-9-]+");
    expect(findings[0]?.id).toBe("deferred/seam-inventory-test-grip");
    expect(findings.some((finding) => finding.id.includes("<"))).toBe(false);
    expect(findings[0]?.fields.map((field) => field.label).slice(0, 3)).toEqual([
      "Status",
      "Surface",
      "Current v1 behavior",
    ]);
  });

  it("01 without an ID pattern: no findings, and the numbered headings are flagged", () => {
    const { findings, diagnostics } = read("01-", "[A-Z][A-Z0-9]*(?:[-_.][A-Z0-9]+)+");
    expect(findings).toEqual([]);
    expect(diagnostics.filter((d) => d.code === "heading-without-id")).toHaveLength(12);
  });
});
