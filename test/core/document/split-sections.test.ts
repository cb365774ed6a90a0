import { describe, expect, it } from "vitest";
import { scanHeadings } from "../../../src/core/document/split-sections.js";

const headings = (text: string) =>
  scanHeadings(text.split("\n")).headings.map(({ level, line, endLine, text }) => [
    level,
    line,
    endLine,
    text,
  ]);

describe("scanHeadings", () => {
  it("finds ATX headings with their lines, without closing hashes", () => {
    expect(headings("# One\n\ntext\n## Two ##\n#NotAHeading\n    # indented code")).toEqual([
      [1, 1, 1, "One"],
      [2, 4, 4, "Two"],
    ]);
  });

  it("skips headings inside backtick and tilde fences, also fences in list items", () => {
    const text = [
      "```",
      "# no",
      "```",
      "~~~~",
      "## no",
      "~~~",
      "## still no",
      "~~~~",
      "1. ```bash",
      "   # comment",
      "   ```",
      "## yes",
    ].join("\n");
    expect(headings(text)).toEqual([[2, 12, 12, "yes"]]);
  });

  it("skips headings in HTML comments", () => {
    expect(headings("<!--\n## hidden\n-->\n## shown")).toEqual([[2, 4, 4, "shown"]]);
  });

  it("reads setext headings, but not a thematic break after a list item or blank line", () => {
    const text = "Title\nmore\n===\n\n- item\n---\n\n---\nSub\n---";
    expect(headings(text)).toEqual([
      [1, 1, 3, "Title more"],
      [2, 9, 10, "Sub"],
    ]);
  });

  it("runs an unclosed fence to the end", () => {
    expect(headings("## a\n```\n## b")).toEqual([[2, 1, 1, "a"]]);
  });
});
