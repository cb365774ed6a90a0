/**
 * The plain-shape reader of configuration files is yaml's equal wherever it answers: every value
 * it returns is the value yaml gives with no error, on generated documents in and around the
 * shape; it answers for the documented example and the fixtures; and a configuration it reads is
 * the one parseRepoConfig reads.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import {
  parseConfigPlainFirst,
  plainRepoConfig,
} from "../../../src/core/config/parse-config-plain-first.js";
import { parseRepoConfig } from "../../../src/core/config/parse-repo-config.js";
import { NOT_PLAIN, parsePlainYaml } from "../../../src/core/config/plain-yaml.js";
import { PROJECT_ROOT } from "../../support/shared.js";

/** What parseRepoConfig's yaml call gives: the value, or undefined when yaml reports an error. */
function yamlValue(text: string): unknown {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  return doc.errors.length > 0 ? undefined : doc.toJS({ maxAliasCount: 100 });
}

function expectYamlsEqual(text: string): boolean {
  const plain = parsePlainYaml(text);
  if (plain === NOT_PLAIN) return false;
  const value = yamlValue(text);
  expect(value, `yaml reports an error for ${JSON.stringify(text)}`).not.toBeUndefined();
  expect(plain, JSON.stringify(text)).toEqual(value);
  return true;
}

const fixtureDir = join(PROJECT_ROOT, "test/fixtures/config");
const fixtures = readdirSync(fixtureDir)
  .filter((name) => name.endsWith(".yml"))
  .map((name) => [name, readFileSync(join(fixtureDir, name), "utf8")] as const);

/** The example of docs/operator-guide.md's "Repository configuration" section. */
function documentedExample(): string {
  const guide = readFileSync(join(PROJECT_ROOT, "docs/operator-guide.md"), "utf8");
  const section = guide.slice(guide.indexOf("### Repository configuration"));
  const block = /```yaml\n([\s\S]*?)```/.exec(section)?.[1];
  if (block === undefined) throw new Error("the operator guide has no configuration example");
  return block;
}

describe("parsePlainYaml", () => {
  it("reads the documented example, the full fixture and the bench's file as yaml does", () => {
    for (const text of [
      documentedExample(),
      fixtures.find(([name]) => name === "full.yml")?.[1] ?? "",
      "dashboard: false\n",
    ]) {
      expect(expectYamlsEqual(text), text).toBe(true);
    }
  });

  it.each([
    ["an empty file", "", null],
    ["comments and blank lines", "# none yet\n\n   \n  # indented\n", null],
    [
      "scalars of every kind",
      "a: x y\nb: 'it''s'\nc: \"q # r\"\nd: -12\ne: ~\nf: TRUE\n",
      {
        a: "x y",
        b: "it's",
        c: "q # r",
        d: -12,
        e: null,
        f: true,
      },
    ],
    [
      "nesting and lists",
      "a:\n  b:\n    - x # one\n    - 'y'\n  c: [p, \"q\", 3]\nd:\ne: []\n",
      {
        a: { b: ["x", "y"], c: ["p", "q", 3] },
        d: null,
        e: [],
      },
    ],
  ])("reads %s", (_, text, value) => {
    expect(parsePlainYaml(text)).toEqual(value);
    expect(yamlValue(text)).toEqual(value);
  });

  it.each([
    ["a tab", "a:\tb\n"],
    ["a carriage return", "a: b\r\n"],
    ["a float", "a: 1.5\n"],
    ["a hexadecimal number", "a: 0x1F\n"],
    ["an escape", 'a: "x\\ny"\n'],
    ["an anchor and an alias", "a: &x b\nc: *x\n"],
    ["a tag", "a: !!str 5\n"],
    ["a block scalar", "a: |\n  text\n"],
    ["a folded continuation line", "a: one\n  two\n"],
    ["a flow mapping", "a: {b: 1}\n"],
    ["a trailing comma", "a: [b, ]\n"],
    ["a colon in a plain scalar", "title: {id}: {title}\n"],
    ["a hash without a space before it", "a: b#c\n"],
    ["a duplicate key", "a: 1\na: 2\n"],
    ["a sequence at its key's indentation", "a:\n- b\n"],
    ["a quoted key", '"a": b\n'],
    ["a key yaml reads as a boolean", "true: b\n"],
    ["a document marker", "---\na: b\n"],
    ["an indented first line", "  a: b\n"],
    ["a top-level sequence", "- a\n"],
    ["an empty list item", "a:\n  -\n"],
  ])("leaves %s to yaml", (_, text) => {
    expect(parsePlainYaml(text)).toBe(NOT_PLAIN);
  });

  const word = fc.oneof(
    { arbitrary: fc.constantFrom("a", "b", "Key", "k-1", "k_2"), weight: 4 },
    fc.constantFrom(
      "constructor",
      "toString",
      "__proto__",
      "true",
      "Null",
      "no",
      "x".repeat(101),
      "y".repeat(1030),
    ),
  );
  const usualScalar = fc.constantFrom(
    "plain",
    "two words",
    "/deferbot",
    "docs/tech-debt.md",
    "true",
    "12",
    "'quoted'",
    '"quoted"',
    "[a, b]",
  );
  const scalar = fc.oneof(
    { arbitrary: usualScalar, weight: 4 },
    fc.constantFrom(
      "two  spaces",
      "it's",
      "a, b",
      "a]b",
      "{id}",
      "{id}: {title}",
      "~",
      "~x",
      "null",
      "NULL",
      "nUll",
      "true",
      "True",
      "tRue",
      "yes",
      "off",
      "0",
      "-0",
      "+5",
      "007",
      "12345678901234567890",
      "1.5",
      ".5",
      "1e3",
      "1_000",
      ".inf",
      ".NaN",
      "0x1F",
      "0o17",
      "2024-01-01",
      "-",
      "- x",
      "-x",
      "?x",
      ":x",
      "a:b",
      "a: b",
      "a#b",
      "a #b",
      "#c",
      "&a x",
      "*a",
      "!!str x",
      "|",
      ">",
      "%x",
      "@x",
      "`x",
      "=",
      "<<",
      "\\d+",
      "'\\d+'",
      "'it''s'",
      "''",
      "'a''",
      '""',
      '"q # r"',
      '"a\\nb"',
      '"a',
      '"a" b',
      '"a"#c',
      "[]",
      "[a]",
      "[a, b]",
      "[ a , 'b' , \"c\" ]",
      "[a,b]",
      "[a, ]",
      "[a, [b]]",
      "[a b, c]",
      "[1, -2, ~, true]",
      "[a] x",
      "[a",
      "{a: 1}",
      "ä ö",
      "\u00a0x",
      "x\u00a0",
      "\u2028",
      "\ufeffx",
      "😀",
      "\t",
      "",
      " ",
    ),
  );
  /** The usual more often than the odd, so that enough soups stay in the shape. */
  const mostly = (usual: string, ...odd: string[]) =>
    fc.oneof({ arbitrary: fc.constant(usual), weight: 3 }, fc.constantFrom(...odd));
  const comment = mostly("", " # c", "  #c", "#c", " #", "\t# c");
  const indent = mostly("", "  ", " ", "   ", "    ");
  const line = fc.oneof(
    fc
      .tuple(indent, word, mostly(": ", ":", ":  ", " :", ":\t"), scalar, comment)
      .map(([pad, key, colon, value, note]) => `${pad}${key}${colon}${value}${note}`),
    fc.tuple(indent, word, comment).map(([pad, key, note]) => `${pad}${key}:${note}`),
    fc
      .tuple(indent, mostly("- ", "-", "-  "), scalar, comment)
      .map(([pad, dash, value, note]) => `${pad}${dash}${value}${note}`),
    fc
      .tuple(indent, fc.constantFrom("# note", "#", "---", "...", "%YAML 1.2", ""))
      .map(([pad, text]) => `${pad}${text}`),
  );
  const soup = fc
    .tuple(fc.array(line, { maxLength: 8 }), mostly("\n", "\r\n"), fc.boolean())
    .map(([lines, end, last]) => lines.join(end) + (last ? end : ""));

  it("answers, on generated documents in and around the plain shape, only with yaml's value", () => {
    let answered = 0;
    fc.assert(
      fc.property(soup, (text) => {
        if (expectYamlsEqual(text) && parsePlainYaml(text) !== null) answered++;
      }),
      { numRuns: 3000 },
    );
    // Most soups step outside the shape somewhere; enough of them, with keys, stay inside it.
    expect(answered).toBeGreaterThan(80);
  });

  /** A document in the shape: nested maps, block and flow lists of plain and quoted scalars. */
  const plainKey = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,8}$/);
  const plainScalar = fc.oneof(
    fc.stringMatching(/^[a-z/][a-z0-9 ./()-]{0,12}[a-z0-9)]$/),
    fc.integer({ min: -1000, max: 1000 }).map(String),
    fc.constantFrom("true", "False", "~", "null"),
    fc.stringMatching(/^[^"\\\n]{0,10}$/).map((text) => `"${text}"`),
    fc.stringMatching(/^[^\n]{0,10}$/).map((text) => `'${text.replaceAll("'", "''")}'`),
  );
  const block: fc.Memo<string[]> = fc.memo((depth) =>
    fc
      .uniqueArray(
        fc.tuple(
          plainKey,
          depth > 1
            ? fc.oneof(
                plainScalar.map((value) => ({ kind: "scalar" as const, value })),
                fc.array(plainScalar, { maxLength: 3 }).map((items) => ({
                  kind: "flow" as const,
                  value: `[${items.join(", ")}]`,
                })),
                fc
                  .array(plainScalar, { minLength: 1, maxLength: 3 })
                  .map((items) => ({ kind: "list" as const, items })),
                block(depth - 1).map((lines) => ({ kind: "map" as const, lines })),
              )
            : plainScalar.map((value) => ({ kind: "scalar" as const, value })),
        ),
        { minLength: 1, maxLength: 4, selector: ([key]) => key },
      )
      .map((entries) =>
        entries.flatMap(([key, value]) => {
          if (value.kind === "scalar" || value.kind === "flow") return [`${key}: ${value.value}`];
          if (value.kind === "list")
            return [`${key}:`, ...value.items.map((item) => `  - ${item}`)];
          return [`${key}:`, ...value.lines.map((text) => `  ${text}`)];
        }),
      ),
  );

  it("reads every generated document of the shape, as yaml does", () => {
    fc.assert(
      fc.property(block(3), (lines) => {
        const text = `${lines.join("\n")}\n`;
        expect(parsePlainYaml(text), text).not.toBe(NOT_PLAIN);
        expectYamlsEqual(text);
      }),
      { numRuns: 500 },
    );
  });
});

describe("plainRepoConfig", () => {
  it("is parseRepoConfig's configuration wherever it answers, and answers for the examples", async () => {
    const texts = [documentedExample(), ...fixtures.map(([, text]) => text)];
    const answered = texts.filter((text) => {
      const plain = plainRepoConfig(text);
      const full = parseRepoConfig(text);
      if (plain === null) return false;
      expect(full.errors, text).toEqual([]);
      expect(plain, text).toEqual(full.config);
      return true;
    });
    expect(answered).toContain(documentedExample());
    for (const text of texts)
      expect(await parseConfigPlainFirst(text), text).toEqual(parseRepoConfig(text));
  });

  it("leaves a file the schema refuses to yaml, which tells each mistake with its line", async () => {
    const text = "document: docs/a.md\nmaxCreates: 0\nlabels:\n  bott: x\n";
    expect(parsePlainYaml(text)).not.toBe(NOT_PLAIN);
    expect(plainRepoConfig(text)).toBeNull();
    const parsed = await parseConfigPlainFirst(text);
    expect(parsed).toEqual(parseRepoConfig(text));
    expect(parsed.errors.map((error) => [error.key, error.line])).toEqual([
      ["maxCreates", 2],
      ["labels.bott", 4],
    ]);
  });
});
