import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { untouchedPreviewStatus } from "../../../src/core/preview/describe-preview-status.js";
import { previewJson } from "../../../src/core/preview/preview-json.js";
import { HEAD_SHA } from "../../fixtures/preview/scenario.js";
import { PROJECT_ROOT } from "../../support/shared.js";

describe("previewJson", () => {
  it("a PR that does not touch the document: touched false, nothing listed", () => {
    expect(
      previewJson({
        preview: null,
        documentPath: "docs/deferred-errors.md",
        headSha: HEAD_SHA,
        status: untouchedPreviewStatus(),
      }),
    ).toEqual({
      version: 1,
      document: "docs/deferred-errors.md",
      sha: HEAD_SHA,
      touched: false,
      summary: { open: 0, update: 0, reopen: 0, close: 0 },
      closeBlocked: null,
      findings: [],
      diagnostics: [],
      status: { state: "success", description: "register not touched" },
    });
  });

  it("docs/preview-json.md's example is an abridgement of the golden output", () => {
    const doc = readFileSync(join(PROJECT_ROOT, "docs/preview-json.md"), "utf8");
    const block = /```json\n([\s\S]*?)\n```/.exec(doc)?.[1];
    if (block === undefined) throw new Error("docs/preview-json.md has no JSON example");
    const example = JSON.parse(block);
    const golden = JSON.parse(
      readFileSync(join(PROJECT_ROOT, "test/fixtures/preview/example-change.json"), "utf8"),
    );
    expect(Object.keys(example)).toEqual(Object.keys(golden));
    const { findings, ...rest } = example;
    const { findings: goldenFindings, ...goldenRest } = golden;
    expect(rest).toEqual(goldenRest);
    for (const finding of findings)
      expect(finding).toEqual(goldenFindings.find((f: { id: string }) => f.id === finding.id));
  });
});
