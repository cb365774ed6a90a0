/**
 * The PR preview tells what merging moves of the issues' own Gitea fields (SPEC §8): the document's
 * change against what the bot set, kinds a person changed on the issue left alone and said so,
 * the fields a new issue opens with, and the repository's warnings (an owner Gitea would refuse).
 */
import { describe, expect, it } from "vitest";
import type { Finding } from "../../../src/core/document/types.js";
import { renderNewIssue } from "../../../src/core/issue/render-issue.js";
import { checkAgainstRepo } from "../../../src/core/issue-fields/check-against-repo.js";
import type { CurrentFields } from "../../../src/core/issue-fields/decide-edits.js";
import { wantedFields } from "../../../src/core/issue-fields/record-fields.js";
import { registerIssueFields } from "../../../src/core/issue-fields/register-fields.js";
import type { TrackedIssue } from "../../../src/core/plan/types.js";
import { planPreview } from "../../../src/core/preview/plan-preview.js";
import { previewJson } from "../../../src/core/preview/preview-json.js";
import { renderPreviewComment } from "../../../src/core/preview/render-preview.js";
import {
  contextAt,
  EXAMPLE_REGISTER,
  edit,
  HEAD_SHA,
  issuesFor,
  parse,
  previewBetween,
  withNewFinding,
} from "../../fixtures/preview/scenario.js";

const ctx = contextAt(HEAD_SHA);
const OWNED = edit(
  EXAMPLE_REGISTER,
  "- **Category:** Security\n",
  "- **Category:** Security\n- **Owner:** @alice\n",
);
const REOWNED = edit(OWNED, "- **Owner:** @alice\n", "- **Owner:** @bob\n- **Due:** 2027-03-31\n");

/** The base's issues as a sync with the issue fields leaves them: `fieldsSet` recorded, Gitea's fields set. */
function trackedAfterSync(base: string, current: Partial<CurrentFields> = {}): TrackedIssue[] {
  const parsed = parse(base);
  const fields = registerIssueFields(parsed.findings, { idPattern: ctx.config.idPattern });
  return issuesFor(parsed).map((issue, index) => {
    const finding = parsed.findings[index] as Finding;
    const own = fields.byFinding.get(finding.id);
    if (!own) return issue;
    const rendered = renderNewIssue(finding, contextAt(HEAD_SHA), { wanted: wantedFields(own) });
    return {
      ...issue,
      body: rendered.body,
      issueFields: { ...wantedFields(own), ...current },
    };
  });
}

const preview = previewBetween;

describe("the preview and the issues' own fields", () => {
  it("a new owner and a due date: told as the issue's fields, not as block fields", () => {
    const result = preview(OWNED, REOWNED, trackedAfterSync(OWNED));
    const [entry] = result.entries;
    expect(entry?.issue).toMatchObject({ action: "update", number: 11 });
    expect(entry?.issueFields.changes.map((c) => [c.label, c.from, c.to])).toEqual([
      ["Assignees", "alice", "bob"],
      ["Due date", null, "2027-03-31"],
    ]);
    const comment = renderPreviewComment(result, ctx);
    expect(comment).toContain("- Assignees (the issue's own field): alice → bob");
    expect(comment).toContain("- Due date (the issue's own field): added (2027-03-31)");
    expect(comment).not.toContain("- Owner:");
    expect(comment).not.toContain("- Due:");
  });

  it("an assignee a person changed on the issue: left alone, and the comment says how to restore it", () => {
    const result = preview(OWNED, REOWNED, trackedAfterSync(OWNED, { assignees: ["dave"] }));
    const [entry] = result.entries;
    expect(entry?.issueFields.keptByPeople).toEqual(["Assignees"]);
    expect(entry?.issueFields.changes.map((c) => c.label)).toEqual(["Due date"]);
    const comment = renderPreviewComment(result, ctx);
    expect(comment).not.toContain("Assignees (the issue's own field)");
    expect(comment).toContain(
      "- Assignees: left as a person set them on issue [#11](https://git.example.com/acme/platform/issues/11) (`/deferbot refresh` there restores the document's values)",
    );
  });

  it("a new finding: the fields its issue opens with; an owner Gitea would refuse is a warning", () => {
    const head = withNewFinding(OWNED).replace(
      "- **Category:** Security\n- **Reason:** Revoking",
      "- **Category:** Security\n- **Owner:** carol, alice\n- **Blocked by:** API-SEC-014\n- **Reason:** Revoking",
    );
    const headParse = parse(head);
    const registered = registerIssueFields(headParse.findings, { idPattern: ctx.config.idPattern });
    const checked = checkAgainstRepo(registered.byFinding, {
      assignable: ["alice", "bob"],
      milestones: null,
    });
    const result = planPreview({
      base: parse(OWNED),
      head: headParse,
      headDocumentFound: true,
      tracked: trackedAfterSync(OWNED),
      ctx,
      issueFields: {
        byFinding: checked.byFinding,
        diagnostics: [...registered.diagnostics, ...checked.diagnostics],
      },
    });
    const added = result.entries.find((e) => e.change.id === "API-SEC-022");
    expect(added?.issue).toEqual({ action: "open" });
    expect(added?.issueFields.changes.map((c) => [c.label, c.to])).toEqual([
      ["Assignees", "alice"],
      ["Blocked by", "API-SEC-014 (#11)"],
    ]);
    const warning = result.diagnostics.find((d) => d.code === "not-assignable");
    expect(warning?.message).toContain("carol");
    const comment = renderPreviewComment(result, ctx);
    expect(comment).toContain("- Assignees (the new issue's own field): added (alice)");
    expect(comment).toContain("(`not-assignable`)");
    const json = previewJson({
      preview: result,
      documentPath: ctx.documentPath,
      headSha: HEAD_SHA,
      status: { state: "success", description: "" },
    });
    expect(json.findings.find((f) => f.id === "API-SEC-022")?.issueFields.changes).toHaveLength(2);
  });

  it("a register without these labels: no issue-field line, as before", () => {
    const head = edit(EXAMPLE_REGISTER, "(5 requests per hour)", "(3 requests per hour)");
    const result = preview(EXAMPLE_REGISTER, head, issuesFor(parse(EXAMPLE_REGISTER)));
    expect(result.entries.map((e) => e.issueFields)).toEqual([{ changes: [], keptByPeople: [] }]);
    expect(renderPreviewComment(result, ctx)).not.toContain("own field");
  });
});
