/** Neutralising document text before it goes into an issue. */
import { describe, expect, it } from "vitest";
import {
  blockText,
  codeSpan,
  inlineText,
  neutraliseHtml,
  neutraliseMentions,
  tableCell,
  withoutTaskBox,
  ZWJ,
} from "../../../src/core/issue/untrusted.js";

const quiet = { mentions: false };

describe("untrusted text", () => {
  it("breaks HTML comment delimiters and HTML-block openers with a zero-width joiner", () => {
    expect(neutraliseHtml("a <!-- b --> c")).toBe(`a <${ZWJ}!-- b -${ZWJ}-> c`);
    expect(neutraliseHtml("<script>x</script> <PRE> <?php <![CDATA[")).toBe(
      `<${ZWJ}script>x</script> <${ZWJ}PRE> <${ZWJ}?php <${ZWJ}![CDATA[`,
    );
    expect(neutraliseHtml("<preview> a -> b, a--b")).toBe("<preview> a -> b, a--b");
  });

  it("is idempotent, so text read back from an issue is not neutralised twice", () => {
    const once = inlineText("x <!-- y --> @z", quiet);
    expect(inlineText(once, quiet)).toBe(once);
  });

  it("neutralises mentions but not e-mail addresses", () => {
    expect(neutraliseMentions("ping @alice, (@bob) and mail a@b.org")).toBe(
      `ping @${ZWJ}alice, (@${ZWJ}bob) and mail a@b.org`,
    );
  });

  it("turns task-list items into plain bullets, nested, quoted or numbered", () => {
    expect(withoutTaskBox("- [ ] a")).toBe("- a");
    expect(withoutTaskBox("    * [X] b")).toBe("    * b");
    expect(withoutTaskBox("> - [x] c")).toBe("> - c");
    expect(withoutTaskBox("2. [ ] d")).toBe("2. d");
    expect(withoutTaskBox("- [link](x)")).toBe("- [link](x)");
  });

  it("closes a fence left open, with the same marker", () => {
    expect(blockText("a\n~~~~\ncode", quiet)).toBe("a\n~~~~\ncode\n~~~~");
    expect(blockText("```\nclosed\n```\nafter", quiet)).toBe("```\nclosed\n```\nafter");
  });

  it("leaves mentions in fenced code alone", () => {
    expect(blockText("```\nnpm i @types/node\n```\n@dev", quiet)).toBe(
      `\`\`\`\nnpm i @types/node\n\`\`\`\n@${ZWJ}dev`,
    );
  });

  it("folds newlines and escapes pipes in table cells", () => {
    expect(tableCell("a | b\r\n  c", quiet)).toBe("a \\| b c");
  });

  it("wraps text holding backticks in a longer code span", () => {
    expect(codeSpan("a`b")).toBe("``a`b``");
    expect(codeSpan("`x")).toBe("`` `x ``");
  });
});
