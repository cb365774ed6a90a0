/**
 * Golden files: the issue deferbot opens for each seed finding, compared byte for byte.
 * After an intended change of the rendering, regenerate them and review the diff:
 *   UPDATE_GOLDEN=1 npx vitest run test/core/issue/render-issue.golden.test.ts
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderNewIssue } from "../../../src/core/issue/render-issue.js";
import type { NewIssue } from "../../../src/core/issue/types.js";
import { SEED_FINDINGS, seedContext } from "../../fixtures/issue/seed-findings.js";
import { PROJECT_ROOT } from "../../support/shared.js";

const GOLDEN_DIR = join(PROJECT_ROOT, "test/fixtures/issue");

/** The golden file's layout: title line, labels line (JSON), a blank line, the body, a newline. */
function goldenText(issue: NewIssue): string {
  return `title: ${issue.title}\nlabels: ${JSON.stringify(issue.labels)}\n\n${issue.body}\n`;
}

describe("renderNewIssue golden files", () => {
  for (const finding of SEED_FINDINGS) {
    it(`renders ${finding.id} as in ${finding.id}.md`, () => {
      const path = join(GOLDEN_DIR, `${finding.id}.md`);
      const actual = goldenText(renderNewIssue(finding, seedContext()));
      if (process.env.UPDATE_GOLDEN === "1") writeFileSync(path, actual);
      expect(existsSync(path), `${path} is missing; run with UPDATE_GOLDEN=1`).toBe(true);
      expect(actual).toBe(readFileSync(path, "utf8"));
    });
  }
});
