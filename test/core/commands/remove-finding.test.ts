import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { removeFindingSection } from "../../../src/core/commands/remove-finding.js";
import { PROJECT_ROOT, readShared } from "../../support/shared.js";

const FIXTURES = join(PROJECT_ROOT, "test/fixtures/commands/remove-finding");
const fixture = (name: string) => readFileSync(join(FIXTURES, name), "utf8");

/** Fixture documents, the finding removed, its span, and the expected document beside it. */
const CASES: [doc: string, id: string, startLine: number, endLine: number][] = [
  ["breaks-after", "AB-1", 5, 9],
  ["breaks-after", "AB-2", 13, 17],
  ["breaks-after", "AB-3", 21, 23],
  ["break-kinds", "BK-1", 1, 3],
  ["break-kinds", "BK-2", 7, 9],
  ["break-kinds", "BK-3", 13, 15],
  ["no-breaks", "NB-1", 5, 6],
  ["no-breaks", "NB-2", 8, 10],
  ["no-breaks", "NB-3", 11, 12],
  ["no-breaks", "NB-4", 16, 18],
  ["break-before-next-group", "GR-2", 9, 11],
  ["front-matter", "FM-1", 5, 7],
];

/** The same document written another way; the expected output is written the same way. */
const VARIANTS: [name: string, apply: (text: string) => string][] = [
  ["LF", (text) => text],
  ["CRLF", (text) => text.replaceAll("\n", "\r\n")],
  ["CR", (text) => text.replaceAll("\n", "\r")],
  ["BOM", (text) => `\uFEFF${text}`],
  ["no final newline", (text) => text.replace(/\n+$/, "")],
  [
    "BOM + CRLF + no final newline",
    (text) => `\uFEFF${text.replace(/\n+$/, "").replaceAll("\n", "\r\n")}`,
  ],
];

describe("removeFindingSection on fixture documents", () => {
  for (const [doc, id, startLine, endLine] of CASES) {
    const input = fixture(`${doc}.md`);
    const expected = fixture(`${doc}.without-${id}.md`);

    it(`${doc}: the span of ${id} is its heading to its last content line`, () => {
      const lines = input.split("\n");
      expect(lines[startLine - 1]).toMatch(new RegExp(`^#{2,4} ${id}:`));
      expect(lines[endLine - 1]?.trim()).not.toBe("");
    });

    for (const [variant, apply] of VARIANTS) {
      it(`${doc}: removes ${id} (${variant})`, () => {
        const output = removeFindingSection(apply(input), { startLine, endLine });
        expect(output).toBe(apply(expected));
      });
    }
  }

  it("keeps mixed line endings of the other lines as they were", () => {
    const input = "# T\r\n\n## A-1\r\nbody\n\r\n---\r\n\n## B-2\nb\r\n";
    expect(removeFindingSection(input, { startLine: 3, endLine: 4 })).toBe(
      "# T\r\n\n## B-2\nb\r\n",
    );
  });
});

describe("removeFindingSection at the edges", () => {
  it.each([
    ["the whole document", "## A-1\nbody\n", ""],
    ["the whole document with a BOM", "\uFEFF## A-1\r\nbody", "\uFEFF"],
    ["with a break on each side", "\n---\n\n## A-1\nbody\n\n---\n\n", "\n---\n"],
  ])("removing %s leaves the rest", (_, input, expected) => {
    const startLine =
      input
        .replace(/^\uFEFF/, "")
        .split(/\r?\n/)
        .indexOf("## A-1") + 1;
    expect(removeFindingSection(input, { startLine, endLine: startLine + 1 })).toBe(expected);
  });

  it.each([
    ["   ---", true],
    ["- - -", true],
    ["*  *  *", true],
    ["_____", true],
    ["    ---", false],
    ["--", false],
    ["-- -x", false],
  ])("treats %j after the section as a break: %s", (line, isBreak) => {
    const input = `## A-1\nbody\n\n${line}\n\n## B-2\nb\n`;
    const output = removeFindingSection(input, { startLine: 1, endLine: 2 });
    expect(output).toBe(isBreak ? "## B-2\nb\n" : `${line}\n\n## B-2\nb\n`);
  });

  it("takes a break right after the last content line (the span says the section ended)", () => {
    const input = "## A-1\n- item\n***\n## B-2\n";
    expect(removeFindingSection(input, { startLine: 1, endLine: 2 })).toBe("## B-2\n");
  });

  it("removes only one break when there are two", () => {
    const input = "## A-1\na\n\n---\n\n## B-2\nb\n\n---\n\n---\n\n## C-3\nc\n";
    expect(removeFindingSection(input, { startLine: 6, endLine: 7 })).toBe(
      "## A-1\na\n\n---\n\n---\n\n## C-3\nc\n",
    );
  });

  it("prefers the break after the section to the one before", () => {
    const input = "## A-1\na\n\n---\n\n## B-2\nb\n\n***\n\n## C-3\nc\n";
    expect(removeFindingSection(input, { startLine: 6, endLine: 7 })).toBe(
      "## A-1\na\n\n---\n\n## C-3\nc\n",
    );
  });

  it("leaves a --- under a line of text above the section (a setext underline, not a break)", () => {
    const input = "Intro\n---\n## A-1\na\n";
    expect(removeFindingSection(input, { startLine: 3, endLine: 4 })).toBe("Intro\n---\n");
  });

  it("keeps blank lines and breaks inside the span's neighbours untouched", () => {
    const input = "## A-1\na\n\n---\n\nstill A\n\n## B-2\nb\n";
    expect(removeFindingSection(input, { startLine: 8, endLine: 9 })).toBe(
      "## A-1\na\n\n---\n\nstill A\n",
    );
  });

  it.each([
    [0, 1],
    [2, 1],
    [1, 4],
    [1.5, 2],
    [Number.NaN, 1],
  ])("rejects the span %d-%d of a three-line document", (startLine, endLine) => {
    expect(() => removeFindingSection("a\nb\nc\n", { startLine, endLine })).toThrow(RangeError);
  });
});

describe("removeFindingSection on the example register", () => {
  const text = readShared("examples/deferred-errors.md", "the example register");
  it.skipIf(text === null)("removes each finding and one break, leaving the others intact", () => {
    const source = text ?? "";
    const lines = source.split("\n");
    const spans = findingSpans(lines);
    expect(spans.length).toBeGreaterThanOrEqual(2);
    const breaks = (t: string) => t.split("\n").filter((l) => /^---\s*$/.test(l)).length;
    for (const [index, span] of spans.entries()) {
      const output = removeFindingSection(source, span);
      expect(breaks(output)).toBe(breaks(source) - 1);
      for (const [other, otherSpan] of spans.entries()) {
        const body = lines.slice(otherSpan.startLine - 1, otherSpan.endLine).join("\n");
        if (other === index) expect(output).not.toContain(body);
        else expect(output).toContain(body);
      }
    }
  });
});

/** Spans of `## ID…` headings, as the register parser reports them, for this test only. */
function findingSpans(lines: string[]): { startLine: number; endLine: number }[] {
  const headings = lines.flatMap((line, index) => (/^## [A-Z]+-/.test(line) ? [index] : []));
  return headings.map((start, n) => {
    let end = (headings[n + 1] ?? lines.length) - 1;
    while (end > start && /^(\s*|---\s*)$/.test(lines[end] ?? "")) end--;
    return { startLine: start + 1, endLine: end + 1 };
  });
}

describe("removeFindingSection, property: other findings stay byte-identical", () => {
  type Eol = "\n" | "\r\n";
  interface Piece {
    text: string;
    kind: "content" | "blank" | "break";
    finding: number | null;
  }

  const eol = fc.constantFrom<Eol>("\n", "\r\n");
  const text = fc.stringMatching(/^[a-z][a-z *_`-]{0,12}$/);
  const breakLine = fc.constantFrom("---", "***", "___", " - - -", "  ***");
  const bodyLine = fc.oneof(
    { weight: 4, arbitrary: text.map((t) => ({ text: t, kind: "content" as const })) },
    { weight: 1, arbitrary: fc.constant({ text: "", kind: "blank" as const }) },
    { weight: 1, arbitrary: breakLine.map((t) => ({ text: t, kind: "break" as const })) },
  );
  /** Blank lines, maybe a break (with a blank line above it, as Markdown wants), blank lines. */
  const separator = fc
    .record({
      before: fc.integer({ min: 0, max: 2 }),
      rule: fc.option(breakLine, { nil: null }),
      after: fc.integer({ min: 0, max: 2 }),
    })
    .map(({ before, rule, after }) => [
      ...Array.from({ length: rule === null ? before : Math.max(before, 1) }, () => ""),
      ...(rule === null ? [] : [rule]),
      ...Array.from({ length: after }, () => ""),
    ]);
  const finding = fc.record({
    level: fc.integer({ min: 2, max: 4 }),
    body: fc.array(bodyLine, { maxLength: 5 }),
    last: fc.option(text, { nil: null }),
  });
  const documentArb = fc.record({
    preamble: fc.option(fc.array(text, { minLength: 1, maxLength: 2 }), { nil: null }),
    findings: fc.array(fc.record({ finding, separator }), { minLength: 1, maxLength: 6 }),
    eols: fc.array(eol, { minLength: 64, maxLength: 64 }),
    bom: fc.boolean(),
    finalNewline: fc.boolean(),
    pick: fc.nat(),
  });

  it("removes exactly finding k's lines, blank lines and at most one adjacent break", () => {
    fc.assert(
      fc.property(documentArb, (doc) => {
        const pieces: Piece[] = [];
        for (const line of doc.preamble ?? [])
          pieces.push({ text: line, kind: "content", finding: null });
        if (doc.preamble) pieces.push({ text: "", kind: "blank", finding: null });
        const spans: { startLine: number; endLine: number }[] = [];
        const adjacentBreak: boolean[] = [];
        for (const [index, { finding: f, separator }] of doc.findings.entries()) {
          const startLine = pieces.length + 1;
          pieces.push({
            text: `${"#".repeat(f.level)} F-${index}: title`,
            kind: "content",
            finding: index,
          });
          for (const line of f.body) pieces.push({ ...line, finding: index });
          // The span ends at the last content line: trailing blanks and breaks belong to no finding.
          if (f.last !== null) pieces.push({ text: f.last, kind: "content", finding: index });
          while (pieces[pieces.length - 1]?.kind !== "content") pieces.pop();
          spans.push({ startLine, endLine: pieces.length });
          adjacentBreak.push(separator.some((line) => line !== ""));
          for (const line of separator) {
            pieces.push({ text: line, kind: line === "" ? "blank" : "break", finding: null });
          }
        }
        const k = doc.pick % spans.length;
        const breakBefore = k > 0 && (adjacentBreak[k - 1] ?? false);
        const breakNear = (adjacentBreak[k] ?? false) || breakBefore;

        const eolOf = (index: number) =>
          index === pieces.length - 1 && !doc.finalNewline ? "" : (doc.eols[index % 64] ?? "\n");
        const lineText = (index: number) => `${pieces[index]?.text}${eolOf(index)}`;
        const input = (doc.bom ? "\uFEFF" : "") + pieces.map((_, i) => lineText(i)).join("");
        const span = spans[k] ?? { startLine: 1, endLine: 1 };
        const output = removeFindingSection(input, span);

        // A byte order mark stays, and the output is a prefix plus a suffix of the input.
        expect(output.startsWith("\uFEFF")).toBe(doc.bom);
        const body = output.replace(/^\uFEFF/, "");
        const original = input.replace(/^\uFEFF/, "");
        let prefix = 0;
        while (prefix < body.length && body[prefix] === original[prefix]) prefix++;
        let suffix = 0;
        while (
          suffix < body.length - prefix &&
          body[body.length - 1 - suffix] === original[original.length - 1 - suffix]
        ) {
          suffix++;
        }
        expect(prefix + suffix).toBe(body.length);

        // Every other finding's lines are there, byte for byte (endings included), in order.
        let from = 0;
        for (const [index, other] of spans.entries()) {
          if (index === k) continue;
          let chunk = "";
          for (let line = other.startLine - 1; line < other.endLine; line++)
            chunk += lineText(line);
          chunk = chunk.replace(/\r?\n$/, "");
          const at = body.indexOf(chunk, from);
          expect(at).toBeGreaterThanOrEqual(0);
          from = at + chunk.length;
        }

        // Content lines: all but finding k's, in order; breaks: k's own and at most one more.
        const outLines = body.split(/\r\n|\n/);
        const keptContent = pieces
          .filter((p) => p.kind === "content" && p.finding !== k)
          .map((p) => p.text);
        expect(outLines.filter((l) => l.trim() !== "" && !isBreakText(l))).toEqual(keptContent);
        const ownBreaks = pieces.filter((p) => p.kind === "break" && p.finding === k).length;
        const breaksIn = pieces.filter((p) => p.kind === "break").length;
        expect(outLines.filter(isBreakText).length).toBe(
          breaksIn - ownBreaks - (breakNear ? 1 : 0),
        );

        // The document still ends the way it ended, and starts and ends without new blank lines.
        if (body !== "") {
          expect(/(\r\n|\n)$/.test(body)).toBe(/(\r\n|\n)$/.test(input));
          expect(outLines[0]?.trim()).not.toBe("");
          if (lastLine(original).trim() !== "") expect(lastLine(body).trim()).not.toBe("");
        }
      }),
      { numRuns: 500 },
    );
  });

  /** The last line, not counting the empty string after a final line ending. */
  function lastLine(text: string): string {
    return (
      text
        .replace(/(\r\n|\n)$/, "")
        .split(/\r\n|\n/)
        .at(-1) ?? ""
    );
  }

  function isBreakText(line: string): boolean {
    return /^ {0,3}(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,})$/.test(line);
  }
});
