/**
 * Golden files of the preview comment for a change to the shipped example register (a finding
 * added, a step reworded under a tick, a finding removed), and docs/example-preview.md, which
 * shows the same comment. After an intended change of the rendering, regenerate and review:
 *   UPDATE_GOLDEN=1 npx vitest run test/core/preview/preview.golden.test.ts
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { describePreviewStatus } from "../../../src/core/preview/describe-preview-status.js";
import { previewJson } from "../../../src/core/preview/preview-json.js";
import { renderPreviewComment } from "../../../src/core/preview/render-preview.js";
import {
  contextAt,
  exampleChange,
  HEAD_SHA,
  previewBetween,
} from "../../fixtures/preview/scenario.js";
import { PROJECT_ROOT } from "../../support/shared.js";

const ctx = contextAt(HEAD_SHA);

function examplePreview() {
  const { base, head, tracked } = exampleChange();
  return previewBetween(base, head, tracked);
}

function checkGolden(relative: string, actual: string) {
  const path = join(PROJECT_ROOT, relative);
  if (process.env.UPDATE_GOLDEN === "1") writeFileSync(path, actual);
  expect(existsSync(path), `${path} is missing; run with UPDATE_GOLDEN=1`).toBe(true);
  expect(actual).toBe(readFileSync(path, "utf8"));
}

it("renders the example change as in test/fixtures/preview/example-change.md", () => {
  checkGolden(
    "test/fixtures/preview/example-change.md",
    renderPreviewComment(examplePreview(), ctx),
  );
});

it("prints the example change as in test/fixtures/preview/example-change.json", () => {
  const preview = examplePreview();
  const json = previewJson({
    preview,
    documentPath: ctx.documentPath,
    headSha: HEAD_SHA,
    status: describePreviewStatus(preview, ctx.documentPath),
  });
  checkGolden("test/fixtures/preview/example-change.json", `${JSON.stringify(json, null, 2)}\n`);
});

it("docs/example-preview.md shows the example change's comment", () => {
  const doc = [
    "# Example: a pull request preview",
    "",
    "The comment deferbot writes on a pull request that changes",
    "[examples/deferred-errors.md](../examples/deferred-errors.md) (kept as `docs/deferred-errors.md`",
    "in a repository at `https://git.example.com/acme/platform`): it adds API-SEC-022, rewords the",
    "second step of API-OBS-003, whose first two steps are ticked on issue #12, and removes",
    "DB-MIG-021. Below the line is the comment exactly as deferbot writes it; Gitea hides the",
    "`<!-- … -->` marker, by which deferbot finds the comment again and edits it on every push.",
    "",
    "---",
    "",
    renderPreviewComment(examplePreview(), ctx),
  ].join("\n");
  checkGolden("docs/example-preview.md", doc);
});
