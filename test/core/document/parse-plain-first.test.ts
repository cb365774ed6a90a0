/**
 * The one-shot parse (parse-plain-first.ts): the result `parseRegister` gives, whether or not the
 * register has a section outside the plain shape, and remark's tree builder asked for only then.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parsePlainFirst } from "../../../src/core/document/parse-plain-first.js";
import { parseRegister } from "../../../src/core/document/parse-register.js";
import { parseRegisterWith } from "../../../src/core/document/register-parser.js";
import { NeedsRemark, plainTreesOnly } from "../../../src/core/document/section-tree.js";
import { generatedRegister } from "../../support/register.js";
import { PROJECT_ROOT, sharedPath } from "../../support/shared.js";

const dir = join(PROJECT_ROOT, "test/fixtures/document");
const fixtures = readdirSync(dir)
  .filter((file) => file.endsWith(".md"))
  .map((file) => [file, readFileSync(join(dir, file), "utf8")] as const);

const TABLE_SECTION = [
  "## TD-900: A finding with a table",
  "",
  "**Error:** the table below",
  "",
  "| a | b |",
  "| - | - |",
  "| 1 | 2 |",
  "",
].join("\n");

describe("parsePlainFirst", () => {
  it.each(fixtures)("gives parseRegister's result for %s", async (_name, text) => {
    expect(await parsePlainFirst(text)).toEqual(parseRegister(text));
  });

  it("parses the register's plain shape without remark", () => {
    const text = generatedRegister(20);
    expect(parseRegisterWith(text, {}, plainTreesOnly)).toEqual(parseRegister(text));
  });

  it("asks for remark at the first section outside the plain shape, and then agrees with it", async () => {
    const text = `${generatedRegister(3)}\n${TABLE_SECTION}`;
    expect(() => parseRegisterWith(text, {}, plainTreesOnly)).toThrow(NeedsRemark);
    const result = await parsePlainFirst(text);
    expect(result).toEqual(parseRegister(text));
    expect(result.findings.map((finding) => finding.id)).toContain("TD-900");
  });

  it("agrees with parseRegister on registers of plain and other sections in any order", async () => {
    const sections = fc.constantFrom(
      TABLE_SECTION,
      "## TD-901: Plain\n\n**Error:** e\n**Approach:**\n1. one\n2. two\n",
      "## TD-902: Code\n\n```ts\nconst a = 1;\n```\n\n**Error:** after code\n",
      "## Not a finding\n\nsome text: with a colon\n",
      "## TD-903: Quote\n\n> **Error:** quoted\n",
    );
    await fc.assert(
      fc.asyncProperty(fc.array(sections, { maxLength: 6 }), async (parts) => {
        const text = `# Register\n\n${parts.join("\n")}`;
        expect(await parsePlainFirst(text)).toEqual(parseRegister(text));
      }),
      { numRuns: 200 },
    );
  });

  const corpus = sharedPath("corpus", "plain-first parses of the corpus");
  it.skipIf(corpus === null)("gives parseRegister's result on every corpus file", async () => {
    const files = readdirSync(corpus ?? "").filter((file) => file.endsWith(".md"));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const text = readFileSync(join(corpus ?? "", file), "utf8");
      expect(await parsePlainFirst(text), file).toEqual(parseRegister(text));
    }
  });
});
