/**
 * docs/example-issue.md shows the issue deferbot opens for the first finding of the shipped
 * example register; this keeps it true. After an intended rendering change:
 *   UPDATE_GOLDEN=1 npx vitest run test/docs/example-issue.test.ts
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { DEFAULT_CONFIG } from "../../src/core/config/repo-config.js";
import { parseRegister } from "../../src/core/document/parse-register.js";
import { renderNewIssue } from "../../src/core/issue/render-issue.js";
import { PROJECT_ROOT } from "../support/shared.js";

const DOC = join(PROJECT_ROOT, "docs/example-issue.md");

function expected(): string {
  const register = readFileSync(join(PROJECT_ROOT, "examples/deferred-errors.md"));
  const [finding] = parseRegister(register).findings;
  if (!finding) throw new Error("the example register has no finding");
  const issue = renderNewIssue(finding, {
    repoHtmlUrl: "https://git.example.com/acme/platform",
    documentPath: DEFAULT_CONFIG.document,
    commitSha: "3f2c9d0e8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e",
    config: DEFAULT_CONFIG,
  });
  return [
    "# Example: a generated tracking issue",
    "",
    "The issue deferbot opens for the first finding of [examples/deferred-errors.md](../examples/deferred-errors.md),",
    "for a repository at `https://git.example.com/acme/platform`. Below the line is the issue body",
    "exactly as deferbot writes it; Gitea hides the `<!-- … -->` markers and the state line, and shows",
    "the remediation steps as checkboxes with a `0 / N` progress bar in the issue list.",
    "",
    `**Title:** ${issue.title}`,
    "",
    `**Labels:** ${issue.labels.map((label) => `\`${label}\``).join(", ")}`,
    "",
    "---",
    "",
    issue.body,
    "",
  ].join("\n");
}

it("docs/example-issue.md is what deferbot renders for the shipped example", () => {
  const text = expected();
  if (process.env.UPDATE_GOLDEN === "1") writeFileSync(DOC, text);
  expect(readFileSync(DOC, "utf8")).toBe(text);
});
