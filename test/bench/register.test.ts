/** The parse bench's registers: canonical format, about 1 KB a finding, every finding parsed. */
import { describe, expect, it } from "vitest";
import { benchRegister } from "../../bench/register.js";
import { parseRegister } from "../../src/core/document/parse-register.js";

describe("benchRegister", () => {
  it("is about 1 KB a finding", () => {
    const bytes = Buffer.byteLength(benchRegister(50));
    expect(bytes / 50).toBeGreaterThan(950);
    expect(bytes / 50).toBeLessThan(1100);
  });

  it("parses into one finding per number, in order, without diagnostics", () => {
    const result = parseRegister(benchRegister(20));
    expect(result.diagnostics).toEqual([]);
    expect(result.findings.map((finding) => finding.id)).toEqual(
      Array.from({ length: 20 }, (_, i) => `TD-${String(i + 1).padStart(3, "0")}`),
    );
    expect(result.findings[0]?.steps).toHaveLength(3);
  });
});
