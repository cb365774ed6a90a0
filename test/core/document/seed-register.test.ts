/** The seed register in ../shared/examples parses to its two findings, with no diagnostics. */
import { describe, expect, it } from "vitest";
import { parseRegister } from "../../../src/core/document/parse-register.js";
import { readShared } from "../../support/shared.js";

const seed = readShared("examples/deferred-errors.md", "seed register test");

describe.skipIf(seed === null)("the seed register", () => {
  const result = parseRegister(seed ?? "");

  it("has exactly two findings and no diagnostics", () => {
    expect(result.findings.map((finding) => finding.id)).toEqual(["MS-MED-006", "MS-MED-008"]);
    expect(result.diagnostics).toEqual([]);
  });

  it("reads MS-MED-006", () => {
    const finding = result.findings[0];
    expect(finding?.refs).toEqual(["SEC-WEB-16"]);
    expect(finding?.title).toBe("Add Content Security Policy Headers");
    expect(finding?.steps).toHaveLength(5);
    expect(finding?.steps[0]?.text).toBe(
      "Audit all script sources, style sources, connect sources, and frame sources",
    );
    expect(finding?.risk).toMatchObject({ level: "medium", word: "Medium" });
    expect(finding?.risk?.rationale).toMatch(/^Mitigated by other security controls/);
    expect(finding?.files).toEqual([{ path: "apps/web/next.config.ts" }]);
    expect(finding?.category).toBe("Architectural");
    expect(finding?.span).toEqual({ startLine: 7, endLine: 19 });
  });

  it("reads MS-MED-008", () => {
    const finding = result.findings[1];
    expect(finding?.refs).toEqual(["CQ-ORCH-2"]);
    expect(finding?.steps.map((step) => step.line)).toEqual([30, 31, 32, 33]);
    expect(finding?.risk?.word).toBe("Low");
    expect(finding?.files).toEqual([
      { path: "apps/orchestrator/src/spawner/agent-spawner.service.ts", startLine: 19 },
    ]);
  });
});
