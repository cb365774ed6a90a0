/**
 * The plain-shape tree (parsePlainSection) is remark's tree wherever it answers: equal, positions
 * included, on every section of the fixtures, the example register and the corpus, and on random
 * sections built from the plain shape's pieces and the characters just outside it. And it does
 * answer for the register's usual shape, so the fast path is really taken.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseWithRemark } from "../../../src/core/document/markdown-tree.js";
import { parsePlainSection } from "../../../src/core/document/plain-section-tree.js";
import { generatedRegister } from "../../support/register.js";
import { PROJECT_ROOT, sharedPath } from "../../support/shared.js";

/** Section bodies as the parser cuts them: the lines after each heading, up to the next one. */
function sectionBodies(document: string): string[] {
  const bodies: string[] = [];
  let current: string[] | null = null;
  for (const line of document.replace(/\r\n?/g, "\n").split("\n")) {
    if (/^#{1,6} /.test(line)) {
      if (current) bodies.push(current.join("\n"));
      current = [];
    } else current?.push(line);
  }
  if (current) bodies.push(current.join("\n"));
  return bodies;
}

function documents(): { name: string; text: string }[] {
  const dir = join(PROJECT_ROOT, "test/fixtures/document");
  const found = readdirSync(dir)
    .filter((file) => file.endsWith(".md"))
    .map((file) => ({ name: file, text: readFileSync(join(dir, file), "utf8") }));
  found.push({
    name: "examples/deferred-errors.md",
    text: readFileSync(join(PROJECT_ROOT, "examples/deferred-errors.md"), "utf8"),
  });
  const corpus = sharedPath("corpus", "plain-section-tree corpus sections");
  if (corpus)
    for (const file of readdirSync(corpus).filter((name) => name.endsWith(".md")))
      found.push({ name: `corpus/${file}`, text: readFileSync(join(corpus, file), "utf8") });
  return found;
}

function expectSameAsRemark(body: string): boolean {
  const plain = parsePlainSection(body);
  if (plain !== null) expect(plain).toEqual(parseWithRemark(body));
  return plain !== null;
}

describe("parsePlainSection", () => {
  it("builds remark's tree for every section of the fixtures, the example and the corpus it accepts", () => {
    let accepted = 0;
    for (const { text } of documents())
      for (const body of sectionBodies(text)) if (expectSameAsRemark(body)) accepted++;
    expect(accepted).toBeGreaterThan(0);
  });

  it("accepts every section of the register's usual shape (generated and the example)", () => {
    const example = readFileSync(join(PROJECT_ROOT, "examples/deferred-errors.md"), "utf8");
    const usual = [...sectionBodies(generatedRegister(30)), ...sectionBodies(example)];
    const refused = usual.filter((body) => parsePlainSection(body) === null);
    // The example's nested bullet under a step is outside the plain shape.
    expect(refused.length).toBeLessThanOrEqual(1);
    for (const body of usual) expectSameAsRemark(body);
  });

  it("refuses what it does not build: emphasis, links, HTML, loose lists, continuations", () => {
    for (const body of [
      "\n- **File:** a *b*",
      "\n- **File:** [a](b)",
      "\n- **File:** a <b>",
      "\n- a\n\n- b",
      "\n- a\n  more",
      "\n- a\nlazy",
      "\nText\n---",
      "\n- **Steps:**\n  2. starts at two",
      "\n- a  ",
      "\n- `a` ``b``",
      "\n    code",
    ])
      expect(parsePlainSection(body), JSON.stringify(body)).toBeNull();
  });

  it("builds remark's tree for random sections of plain pieces and near misses", () => {
    const word = fc.oneof(
      {
        weight: 6,
        arbitrary: fc.constantFrom(
          "a",
          "Word",
          "two words",
          "x9",
          "é",
          "😀",
          "—",
          "  ",
          " ",
          ".",
          ":",
          ",",
          "(",
          ")",
          "/",
          "'",
          '"',
          "!",
          "?",
          "#",
          "@",
          "me@example.com",
          "www.example.com",
          "https://example.com",
          "`code`",
          "=",
          "+",
          "-",
        ),
      },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          "1.",
          "2)",
          "*",
          "**",
          "_",
          "__",
          "`",
          "``",
          "` x `",
          "`a*b_c&d\\e`",
          "~",
          "~~",
          "|",
          "[",
          "]",
          "[^1]",
          "<",
          ">",
          "&amp;",
          "&",
          "\\",
          "=",
          "+",
          "-",
          "\t",
          "\u00a0",
          "\u0000",
          "_a_",
          "*a*",
          "__a__",
          "a_b_c",
          "~~a~~",
          "[a](b)",
          "[a]",
          "<a@b.co>",
          "<https://x.y>",
          "<b>",
          "a\\*",
          "&copy;",
          "x|y",
        ),
      },
    );
    const inline = fc
      .array(fc.tuple(word, fc.constantFrom("", " ")), { minLength: 0, maxLength: 6 })
      .map((parts) => parts.map(([w, gap]) => w + gap).join(""));
    const label = fc.constantFrom(
      "**File:**",
      "**Risk:**",
      "**Suggested approach:**",
      "**File**:",
      "**File:**:",
      "**Why deferred:**",
      "**a(**",
      "**(x):**",
      "** File:**",
      "**File: **",
      "**File:**x",
      "",
    );
    const content = fc
      .tuple(label, inline)
      .map(([l, rest]) => (l && rest ? `${l} ${rest}` : l + rest));
    const line = fc.oneof(
      { weight: 3, arbitrary: fc.constant("") },
      { weight: 2, arbitrary: fc.constant("---") },
      { weight: 1, arbitrary: fc.constantFrom("***", "===", "- - -", "  ---") },
      { weight: 6, arbitrary: content.map((c) => `- ${c}`) },
      { weight: 1, arbitrary: content.map((c) => `* ${c}`) },
      {
        weight: 5,
        arbitrary: fc
          .tuple(
            fc.constantFrom("1", "1", "2", "10", "01"),
            fc.constantFrom(".", ".", ")"),
            content,
          )
          .map(([n, mark, c]) => `  ${n}${mark} ${c}`),
      },
      { weight: 1, arbitrary: content.map((c) => `     - ${c}`) },
      { weight: 1, arbitrary: content.map((c) => `  ${c}`) },
      { weight: 1, arbitrary: content.map((c) => `    ${c}`) },
      { weight: 3, arbitrary: content },
    );
    const body = fc.array(line, { minLength: 0, maxLength: 12 }).map((lines) => lines.join("\n"));
    let accepted = 0;
    fc.assert(
      fc.property(body, (text) => {
        if (expectSameAsRemark(text)) accepted++;
      }),
      { numRuns: 5000 },
    );
    expect(accepted).toBeGreaterThan(400);
  });
});
