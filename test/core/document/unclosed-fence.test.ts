/** A code fence someone forgot to close must not silently swallow the findings after it. */
import { describe, expect, it } from "vitest";
import { parseRegister } from "../../../src/core/document/parse-register.js";

const finding = (id: string, extra = "") =>
  `## ${id}: Title of ${id}\n\n- **Error:** broken\n- **Suggested approach:**\n  1. Run:\n${extra}  2. Then fix\n- **Risk:** Low — fine\n`;

describe("a fence left open", () => {
  it("inside a list item ends with the item, as in CommonMark: later findings are read", () => {
    const doc = [
      "## AA-1: First\n\n- **Suggested approach:**\n  1. Run:\n     ```sh\n     npm test\n  2. Then\n- **Risk:** Low",
      finding("BB-2"),
      finding("CC-3"),
    ].join("\n");
    const result = parseRegister(doc);
    expect(result.findings.map((f) => f.id)).toEqual(["AA-1", "BB-2", "CC-3"]);
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });

  it("inside a block quote ends with the quote", () => {
    const doc = ["## AA-1: First\n\n> ```\n> code\n\nafter", finding("BB-2")].join("\n");
    expect(parseRegister(doc).findings.map((f) => f.id)).toEqual(["AA-1", "BB-2"]);
  });

  it("at top level runs to the end, and hiding finding headings is an error naming the lines", () => {
    const doc = ["## AA-1: First\n\n```sh\nnpm test\n", finding("BB-2"), finding("CC-3")].join(
      "\n",
    );
    const result = parseRegister(doc);
    expect(result.findings.map((f) => f.id)).toEqual(["AA-1"]);
    const error = result.diagnostics.find((d) => d.code === "unclosed-fence");
    expect(error).toMatchObject({ severity: "error", line: 3 });
    expect(error?.message).toMatch(/lines 6, 14 are read as code/);
  });

  it("a closed fence with headings inside is code and no diagnostic", () => {
    const doc = ["## AA-1: First\n\n```md\n## BB-2: template\n```\n", finding("CC-3")].join("\n");
    const result = parseRegister(doc);
    expect(result.findings.map((f) => f.id)).toEqual(["AA-1", "CC-3"]);
    expect(result.diagnostics.some((d) => d.code === "unclosed-fence")).toBe(false);
  });

  it("an unclosed fence at the end that hides no finding is not an error", () => {
    const doc = `${finding("AA-1")}\n\`\`\`\n# just a shell comment\n`;
    expect(parseRegister(doc).diagnostics.some((d) => d.code === "unclosed-fence")).toBe(false);
  });
});
