/**
 * Issue references in the document's text are inert in bodies and titles unless `references: true`
 * (§3.2). "Inert" is judged by Gitea's own patterns, ported from go-gitea/gitea
 * modules/references/references.go (issueNumericPattern, crossReferenceIssueNumericPattern):
 * Go's `\s` is ASCII whitespace, `^`/`$` are text edges. Applied per line and with the closing
 * part as a lookahead, they find more than Gitea does (never less), so the checks are strict. Gitea
 * scans Markdown-stripped text, where a code span's text stands on its own line: backticks become
 * newlines here.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG } from "../../../src/core/config/repo-config.js";
import type { Finding } from "../../../src/core/document/types.js";
import { renderChangeSummary } from "../../../src/core/issue/change-summary.js";
import { renderNewIssue } from "../../../src/core/issue/render-issue.js";
import { MS_MED_006, seedContext } from "../../fixtures/issue/seed-findings.js";

const S = "[\\t\\n\\f\\r ]";
const END = `(?=${S}|$|\\)|\\]|'|"|[:;,.?!]${S}|[:;,.?!]$)`;
const ISSUE_NUMERIC = new RegExp(`(?:${S}|^|\\(|\\[|'|")([#!][0-9]+)${END}`, "gm");
const CROSS_REFERENCE = new RegExp(
  `(?:${S}|^|\\(|\\[)([0-9a-zA-Z_.\\-]+/[0-9a-zA-Z_.\\-]+[#!][0-9]+)(?=${S}|$|\\)|\\]|[:;,.?!]${S}|[:;,.?!]$)`,
  "gm",
);

/** Every reference Gitea would turn into a cross-reference event. */
function giteaReferences(markdown: string): string[] {
  const text = markdown.replaceAll("`", "\n");
  return [
    ...Array.from(text.matchAll(ISSUE_NUMERIC), (m) => m[1] ?? ""),
    ...Array.from(text.matchAll(CROSS_REFERENCE), (m) => m[1] ?? ""),
  ];
}

const REFS = "see #12, !3 and acme/other#4 (#5) [#6] `#7`";
const referring: Finding = {
  ...MS_MED_006,
  title: "Fix #12 and acme/other#4",
  error: `Error: ${REFS}`,
  reason: `Reason ${REFS}\nmore: !8.`,
  category: "Arch #9",
  steps: [{ text: `Step ${REFS}`, details: "- nested #10", line: 40 }],
};

describe("references", () => {
  it("the ported patterns find what Gitea finds (so the checks below can fail)", () => {
    expect(giteaReferences(REFS)).toEqual(["#12", "!3", "#5", "#6", "#7", "acme/other#4"]);
  });

  it("are inert in the rendered body and title by default", () => {
    const issue = renderNewIssue(referring, seedContext());
    expect(giteaReferences(issue.title)).toEqual([]);
    expect(giteaReferences(issue.body)).toEqual([]);
    expect(issue.title.replaceAll("\u200D", "")).toBe("MS-MED-006: Fix #12 and acme/other#4");
    expect(issue.body.replaceAll("\u200D", "")).toContain(`Error: ${REFS}`);
  });

  it("are inert in the change comment", () => {
    const comment = renderChangeSummary(
      "MS-MED-006",
      { checked: [], added: ["fix #12"], removed: [], reworded: [] },
      [],
      seedContext(),
    );
    expect(giteaReferences(comment ?? "")).toEqual([]);
  });

  it("stay live with `references: true`", () => {
    const ctx = seedContext({ config: { ...DEFAULT_CONFIG, references: true } });
    const issue = renderNewIssue(referring, ctx);
    expect(giteaReferences(issue.title)).toEqual(["#12", "acme/other#4"]);
    expect(giteaReferences(issue.body)).toEqual(
      expect.arrayContaining(["#12", "!3", "#5", "#7", "!8", "#10", "acme/other#4"]),
    );
  });
});
