/** parseIssueBody: the block found, its steps and state read, everything around it kept exactly. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { blockFindingId, parseIssueBody } from "../../../src/core/issue/parse-issue-body.js";
import { renderNewIssue } from "../../../src/core/issue/render-issue.js";
import { tick } from "../../fixtures/issue/issue-helpers.js";
import { MS_MED_006, MS_MED_008, seedContext } from "../../fixtures/issue/seed-findings.js";

const block = renderNewIssue(MS_MED_006, seedContext()).body;
const other = renderNewIssue(MS_MED_008, seedContext()).body;

describe("parseIssueBody", () => {
  it("reads the ticks and the step markers", () => {
    const parsed = parseIssueBody(tick(tick(block, 0), 4));
    expect(parsed.steps.map((s) => s.checked)).toEqual([true, false, false, false, true]);
    expect(parsed.steps.every((s) => /^[0-9a-f]{8}$/.test(s.hash))).toBe(true);
    expect(new Set(parsed.steps.map((s) => s.hash)).size).toBe(5);
  });

  it("accepts a tick written by hand as [X]", () => {
    const parsed = parseIssueBody(tick(block, 1).replace("- [x]", "- [X]"));
    expect(parsed.steps[1]?.checked).toBe(true);
  });

  it("keeps every byte before and after the block", () => {
    const before = "  Notes with trailing spaces  \r\n\t- [ ] a person's own task\n\n";
    const after = "\n\n<!-- a person's own comment -->\n\n- [x] done by hand\n";
    const parsed = parseIssueBody(`${before}${block}${after}`);
    expect(parsed).toMatchObject({ status: "ok", findingId: "MS-MED-006", before, after });
    expect(parsed.steps).toHaveLength(5);
  });

  it("ignores checkboxes outside the block", () => {
    const parsed = parseIssueBody(`- [x] mine <!-- step:abcdef12 -->\n\n${block}`);
    expect(parsed.steps.map((s) => s.checked)).toEqual([false, false, false, false, false]);
  });

  it("is missing when there is no start marker, with the whole body before", () => {
    const body = "Just text.\n- [x] a task\n";
    expect(parseIssueBody(body)).toEqual({
      status: "missing",
      findingId: null,
      before: body,
      after: "",
      steps: [],
      state: null,
    });
    expect(parseIssueBody("").status).toBe("missing");
  });

  it("is broken when the end marker is missing; the block runs to the state line", () => {
    const body = `${block.replace("\n<!-- deferbot:end -->", "")}\n\nnotes`;
    const parsed = parseIssueBody(body);
    expect(parsed.status).toBe("broken");
    expect(parsed.findingId).toBe("MS-MED-006");
    expect(parsed.after).toBe("\n\nnotes");
    expect(parsed.state?.hash).toBe(MS_MED_006.hash);
    expect(parsed.steps).toHaveLength(5);
  });

  it("keeps a pasted block of another finding as a person's text, and picks the block asked for", () => {
    const body = `${block}\n\nx\n\n${other}`;
    const parsed = parseIssueBody(body);
    expect(parsed.status).toBe("ok");
    expect(parsed.findingId).toBe("MS-MED-006");
    expect(parsed.state?.hash).toBe(MS_MED_006.hash);
    expect(parsed.before).toBe("");
    expect(parsed.after).toBe(`\n\nx\n\n${other}`);
    const asked = parseIssueBody(body, "MS-MED-008");
    expect(asked).toMatchObject({ status: "ok", findingId: "MS-MED-008", after: "" });
    expect(asked.before).toBe(`${block}\n\nx\n\n`);
  });

  it("is broken with a second start marker inside the block; unmarked text between them is kept", () => {
    const inner = "<!-- deferbot:finding id=MS-MED-006 -->\n\n### Error";
    const nested = block.replace("### Error", inner);
    const parsed = parseIssueBody(`top\n${nested}\nbottom`);
    expect(parsed.status).toBe("broken");
    expect(parsed.before).toBe("top\n");
    // The first start marker has no step or state line before the second: it alone is cut; the
    // source note and table after it are not recognisably the bot's, so they are kept.
    const between = block.slice(block.indexOf("\nTracked from"), block.indexOf("### Error"));
    expect(parsed.after).toBe(`${between}\nbottom`);
    expect(parsed.steps).toHaveLength(5);
  });

  it("is broken with a stray end marker, which is dropped", () => {
    const parsed = parseIssueBody(`${block}\n\nnotes\n<!-- deferbot:end -->\nmore`);
    expect(parsed.status).toBe("broken");
    expect(parsed.after).toBe("\n\nnotes\n\nmore");
  });

  it("reads a start marker alone as a broken block holding nothing", () => {
    const parsed = parseIssueBody("a\n<!-- deferbot:finding id=MS-MED-006 -->\nb");
    expect(parsed).toMatchObject({
      status: "broken",
      findingId: "MS-MED-006",
      before: "a\n",
      after: "\nb",
    });
    expect(parsed.steps).toEqual([]);
    expect(parsed.state).toBeNull();
  });

  it("reads an unreadable state line as no state", () => {
    const parsed = parseIssueBody(
      block.replace(/deferbot:state \S+/, "deferbot:state bm90IGpzb24="),
    );
    expect(parsed.status).toBe("ok");
    expect(parsed.state).toBeNull();
  });
});

describe("blockFindingId", () => {
  // Bodies cut from whole blocks, their markers and a person's text, in any order and number.
  const pieces = [
    block,
    other,
    ...block.split("\n"),
    ...other.split("\n").filter((line) => line.includes("<!--")),
    "a person's note",
    "- [x] a task of their own",
    "",
  ];
  const bodyArb = fc
    .array(fc.constantFrom(...pieces), { maxLength: 12 })
    .map((parts) => parts.join("\n"));

  it("names the finding parseIssueBody names, for any arrangement of blocks and markers", () => {
    fc.assert(
      fc.property(bodyArb, (body) => {
        expect(blockFindingId(body)).toBe(parseIssueBody(body).findingId);
      }),
      { numRuns: 500 },
    );
  });

  it("is null without a start marker and the first whole block's ID otherwise", () => {
    expect(blockFindingId("Just text.")).toBeNull();
    const withoutStart = block.split("\n").slice(1).join("\n");
    expect(blockFindingId(`${withoutStart}\n\n${other}`)).toBe("MS-MED-008");
  });
});
