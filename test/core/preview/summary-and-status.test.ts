import { describe, expect, it } from "vitest";
import { MAX_DESCRIPTION } from "../../../src/core/plan/describe-outcome.js";
import {
  describePreviewStatus,
  untouchedPreviewStatus,
} from "../../../src/core/preview/describe-preview-status.js";
import { summaryLine } from "../../../src/core/preview/summary-line.js";
import type { Preview } from "../../../src/core/preview/types.js";

const none = { open: 0, update: 0, reopen: 0, close: 0 };

describe("summaryLine", () => {
  it("names only the non-zero parts, with correct plurals", () => {
    expect(summaryLine({ open: 1, update: 1, reopen: 0, close: 1 })).toBe(
      "Merging this will open 1, update 1 and close 1 tracking issue.",
    );
    expect(summaryLine({ ...none, open: 2 })).toBe("Merging this will open 2 tracking issues.");
    expect(summaryLine({ ...none, update: 3, close: 1 })).toBe(
      "Merging this will update 3 and close 1 tracking issues.",
    );
    expect(summaryLine({ open: 1, update: 1, reopen: 1, close: 1 })).toBe(
      "Merging this will open 1, update 1, reopen 1 and close 1 tracking issue.",
    );
  });

  it("says so when nothing changes", () => {
    expect(summaryLine(none)).toBe("Merging this changes no tracking issue.");
  });
});

function previewWith(patch: Partial<Preview>): Preview {
  return { entries: [], counts: none, closeBlocked: null, diagnostics: [], ...patch };
}

describe("describePreviewStatus", () => {
  it("fails on an error diagnostic, naming the count and the first error's line", () => {
    const status = describePreviewStatus(
      previewWith({
        counts: { ...none, open: 1 },
        diagnostics: [
          { severity: "warning", code: "missing-risk", message: "no risk", line: 3 },
          { severity: "error", code: "duplicate-id", message: "ID A-1 again", line: 9 },
          { severity: "error", code: "duplicate-id", message: "ID B-2 again", line: 20 },
        ],
      }),
      "docs/deferred-errors.md",
    );
    expect(status).toEqual({
      state: "failure",
      description: "2 errors in docs/deferred-errors.md; line 9: ID A-1 again",
    });
  });

  it("succeeds with the counts, warnings and a close left blocked", () => {
    const status = describePreviewStatus(
      previewWith({
        counts: { ...none, update: 1 },
        closeBlocked: "the document is missing",
        diagnostics: [{ severity: "warning", code: "missing-risk", message: "no risk", line: 3 }],
      }),
      "docs/deferred-errors.md",
    );
    expect(status).toEqual({
      state: "success",
      description:
        "Merging this will update 1 tracking issue. 1 warning and removed findings' issues stay open.",
    });
  });

  it("cuts a long description to the sync status's 140 characters with …", () => {
    const status = describePreviewStatus(
      previewWith({
        diagnostics: [
          { severity: "error", code: "internal-error", message: "é".repeat(300), line: 1 },
        ],
      }),
      "docs/deferred-errors.md",
    );
    expect(Array.from(status.description)).toHaveLength(MAX_DESCRIPTION);
    expect(status.description.endsWith("é…")).toBe(true);
  });

  it('says "register not touched" for a PR that does not change the document', () => {
    expect(untouchedPreviewStatus()).toEqual({
      state: "success",
      description: "register not touched",
    });
  });
});
