import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG } from "../../../src/core/config/repo-config.js";
import { ZWJ } from "../../../src/core/issue/untrusted.js";
import { planPreview } from "../../../src/core/preview/plan-preview.js";
import {
  renderPreviewComment,
  renderUntouchedComment,
} from "../../../src/core/preview/render-preview.js";
import {
  contextAt,
  EXAMPLE_REGISTER,
  HEAD_SHA,
  issuesFor,
  NEW_SECTION,
  parse,
  REPO_URL,
} from "../../fixtures/preview/scenario.js";

const ctx = contextAt(HEAD_SHA);

describe("renderPreviewComment", () => {
  it("starts with the preview comment marker naming the head commit", () => {
    const comment = renderPreviewComment(
      {
        entries: [],
        counts: { open: 0, update: 0, reopen: 0, close: 0 },
        closeBlocked: null,
        diagnostics: [],
      },
      ctx,
    );
    expect(comment.startsWith(`<!-- deferbot:comment kind=preview sha=${HEAD_SHA} -->\n\n`)).toBe(
      true,
    );
  });

  it("neutralises document text: no forged marker, no mention", () => {
    const hostile = NEW_SECTION.replace(
      "Expire sessions after a password change",
      "Expire sessions --> <!-- deferbot:end --> ping @admin",
    ).replace(
      "1. Record the password change time",
      "1. Tell @ops and record the password change time",
    );
    const head = `${EXAMPLE_REGISTER.trimEnd()}\n${hostile}`;
    const base = parse(EXAMPLE_REGISTER);
    const preview = planPreview({
      base,
      head: parse(head),
      headDocumentFound: true,
      tracked: issuesFor(base),
      ctx,
    });
    const comment = renderPreviewComment(preview, ctx);
    const afterMarker = comment.slice(comment.indexOf("\n"));
    expect(afterMarker).not.toContain("<!--");
    expect(afterMarker).not.toContain("-->");
    expect(comment).not.toMatch(/@admin/);
    expect(comment).toContain(`@${ZWJ}admin`);
  });

  it("keeps mentions when the repository allows them", () => {
    const allowing = { ...ctx, config: { ...DEFAULT_CONFIG, mentions: true } };
    const head = `${EXAMPLE_REGISTER.trimEnd()}\n${NEW_SECTION.replace("password change", "password change @admin")}`;
    const base = parse(EXAMPLE_REGISTER);
    const preview = planPreview({
      base,
      head: parse(head),
      headDocumentFound: true,
      tracked: issuesFor(base),
      ctx: allowing,
    });
    expect(renderPreviewComment(preview, allowing)).toContain("password change @admin");
  });
});

describe("renderUntouchedComment", () => {
  it("says the PR no longer changes the document, under the same marker", () => {
    expect(renderUntouchedComment(ctx)).toBe(
      `<!-- deferbot:comment kind=preview sha=${HEAD_SHA} -->\n\nThis pull request no longer changes [\`docs/deferred-errors.md\`](${REPO_URL}/src/commit/${HEAD_SHA}/docs/deferred-errors.md) (as of [${HEAD_SHA.slice(0, 10)}](${REPO_URL}/commit/${HEAD_SHA})), so merging it changes no tracking issue.\n`,
    );
  });
});
