/** The planner and the merge with Gitea's own issue fields (SPEC §8), pure. */
import { describe, expect, it } from "vitest";
import { parseRegister } from "../../../src/core/document/parse-register.js";
import { DEFAULT_ID_PATTERN } from "../../../src/core/document/types.js";
import { reconcileIssue } from "../../../src/core/issue/reconcile-issue.js";
import { renderNewIssue } from "../../../src/core/issue/render-issue.js";
import { readState, setDependenciesRecord } from "../../../src/core/issue/state-line.js";
import type { CurrentFields } from "../../../src/core/issue-fields/decide-edits.js";
import { issueFieldChanges } from "../../../src/core/issue-fields/field-changes.js";
import { wantedFields } from "../../../src/core/issue-fields/record-fields.js";
import { registerIssueFields } from "../../../src/core/issue-fields/register-fields.js";
import { planFieldChanges } from "../../../src/core/plan/field-plan.js";
import { planSync } from "../../../src/core/plan/plan-sync.js";
import type { TrackedIssue } from "../../../src/core/plan/types.js";
import { seedContext } from "../../fixtures/issue/seed-findings.js";

const TEXT = `# Register

## A-1: First

- **Error:** e
- **Risk:** High
- **Owner:** @alice
- **Due:** 2027-03-31
- **Ticket:** OPS-1

## B-2: Second

- **Error:** e
- **Risk:** Low
- **Blocked by:** A-1
`;

const ctx = seedContext();
const { findings } = parseRegister(TEXT);
const [A1, B2] = findings;
if (!A1 || !B2) throw new Error("fixture");
const fields = registerIssueFields(findings, { idPattern: DEFAULT_ID_PATTERN });
const issueFields = { byFinding: fields.byFinding, diagnostics: fields.diagnostics };
const ownA1 = fields.byFinding.get("A-1");
if (!ownA1) throw new Error("fixture");
const wantedA1 = { wanted: wantedFields(ownA1) };
const EMPTY: CurrentFields = { assignees: [], dueDate: null, milestone: null };

function tracked(
  number: number,
  body: string,
  title: string,
  labels: string[],
  current = EMPTY,
): TrackedIssue {
  return {
    number,
    title,
    body,
    state: "open",
    labels,
    createdAt: "2026-01-01T00:00:00Z",
    issueFields: current,
  };
}

describe("renderNewIssue with issue fields", () => {
  it("carries the field edits, records them, and leaves them out of Other fields", () => {
    const issue = renderNewIssue(A1, ctx, wantedA1);
    expect(issue.fieldEdits).toEqual({ assignees: ["alice"], dueDate: "2027-03-31" });
    expect(readState(issue.body)?.fieldsSet).toEqual({
      assignees: ["alice"],
      dueDate: "2027-03-31",
    });
    expect(issue.body).toContain("**Ticket:** OPS-1");
    expect(issue.body).not.toContain("Owner");
    expect(issue.body).not.toContain("**Due:**");
  });

  it("without the labels: no edits and no fieldsSet, the body as before", () => {
    const none = renderNewIssue(B2, ctx, { wanted: EMPTY });
    expect(none.fieldEdits).toBeUndefined();
    const plain = parseRegister("## C-3: x\n\n- **Error:** e\n- **Risk:** Low\n").findings[0];
    if (!plain) throw new Error("fixture");
    expect(renderNewIssue(plain, ctx, { wanted: EMPTY })).toEqual(renderNewIssue(plain, ctx));
    expect(
      readState(renderNewIssue(plain, ctx, { wanted: EMPTY }).body)?.fieldsSet,
    ).toBeUndefined();
  });
});

describe("reconcileIssue with issue fields", () => {
  const created = renderNewIssue(A1, ctx, wantedA1);
  const current = { alice: { assignees: ["alice"], dueDate: "2027-03-31", milestone: null } };

  it("no write when the issue has what the bot recorded", () => {
    const change = reconcileIssue({ ...created, issueFields: current.alice }, A1, ctx, wantedA1);
    expect(change.body).toBeNull();
    expect(change.fieldEdits).toBeUndefined();
  });

  it("a person's assignee is left alone; refresh sets the document's back", () => {
    const bob = { ...current.alice, assignees: ["bob"] };
    expect(
      reconcileIssue({ ...created, issueFields: bob }, A1, ctx, wantedA1).fieldEdits,
    ).toBeUndefined();
    const refreshed = reconcileIssue({ ...created, issueFields: bob }, A1, ctx, {
      ...wantedA1,
      refresh: true,
    });
    expect(refreshed.fieldEdits).toEqual({ assignees: ["alice"] });
  });
});

describe("planSync with issue fields", () => {
  it("first sync: the creates carry the fields; B-2's dependency waits for A-1's create", () => {
    const plan = planSync({
      findings,
      diagnostics: [],
      documentFound: true,
      tracked: [],
      ctx,
      allowCloseAll: false,
      issueFields,
    });
    expect(plan.actions.map((a) => a.kind)).toEqual(["create", "create"]);
    expect(plan.dependencies).toEqual([
      { findingId: "B-2", number: null, blockers: [{ id: "A-1", number: null }], setByBot: null },
    ]);
  });

  it("an issue in step with its fields and dependencies: nothing planned", () => {
    const a = renderNewIssue(A1, ctx, wantedA1);
    const b = renderNewIssue(B2, ctx, { wanted: EMPTY });
    const plan = planSync({
      findings,
      diagnostics: [],
      documentFound: true,
      tracked: [
        tracked(1, a.body, a.title, a.labels, {
          assignees: ["alice"],
          dueDate: "2027-03-31",
          milestone: null,
        }),
        tracked(2, setDependenciesRecord(b.body, [1], "B-2"), b.title, b.labels),
      ],
      ctx,
      allowCloseAll: false,
      issueFields,
    });
    expect(plan.actions).toEqual([]);
    expect(plan.dependencies).toEqual([]);
    expect(plan.summary.unchanged).toBe(2);
  });

  it("an unchanged finding whose record lacks its dependency: the dependency step alone, counted as updated", () => {
    const a = renderNewIssue(A1, ctx, wantedA1);
    const b = renderNewIssue(B2, ctx, { wanted: EMPTY });
    const plan = planSync({
      findings,
      diagnostics: [],
      documentFound: true,
      tracked: [
        tracked(1, a.body, a.title, a.labels, {
          assignees: ["alice"],
          dueDate: "2027-03-31",
          milestone: null,
        }),
        tracked(2, b.body, b.title, b.labels),
      ],
      ctx,
      allowCloseAll: false,
      issueFields,
    });
    expect(plan.actions).toEqual([]);
    expect(plan.dependencies).toMatchObject([
      { findingId: "B-2", number: 2, blockers: [{ id: "A-1", number: 1 }] },
    ]);
    expect(plan.summary.updated).toBe(1);
  });

  it("a removed finding's close removes the dependencies the bot set first", () => {
    const b = renderNewIssue(B2, ctx, { wanted: EMPTY });
    const plan = planSync({
      findings: [A1],
      diagnostics: [],
      documentFound: true,
      tracked: [tracked(2, setDependenciesRecord(b.body, [1], "B-2"), b.title, b.labels)],
      ctx,
      allowCloseAll: false,
      issueFields,
    });
    expect(plan.actions.find((a) => a.kind === "close")).toMatchObject({
      number: 2,
      removeDependencies: [1],
    });
  });

  it("the field warnings go to the status's warnings with their lines", () => {
    const withWarning = registerIssueFields(
      parseRegister("## A-1: x\n\n- **Error:** e\n- **Risk:** Low\n- **Due:** soon\n").findings,
      {
        idPattern: DEFAULT_ID_PATTERN,
      },
    );
    const plan = planSync({
      findings: [],
      diagnostics: [],
      documentFound: true,
      tracked: [],
      ctx,
      allowCloseAll: false,
      issueFields: withWarning,
    });
    expect(plan.warnings).toEqual([
      expect.stringMatching(/^docs\/deferred-errors\.md:5: Due of A-1 is "soon"/),
    ]);
  });
});

describe("issueFieldChanges (for the preview and plan output)", () => {
  it("says what the document moves against what the bot recorded", () => {
    const wanted = {
      assignees: ["bob"],
      dueDate: null,
      blockedBy: ["A-1"],
      milestone: "v2",
      lines: {},
    };
    expect(
      issueFieldChanges(wanted, { assignees: ["alice"], dueDate: "2027-03-31" }, () => 7),
    ).toEqual([
      { label: "Assignees", from: "alice", to: "bob", kind: "changed" },
      { label: "Due date", from: "2027-03-31", to: null, kind: "removed" },
      { label: "Milestone", from: null, to: "v2", kind: "added" },
      { label: "Blocked by", from: null, to: "A-1 (#7)", kind: "added" },
    ]);
    expect(
      issueFieldChanges(
        wanted,
        { assignees: ["bob"], milestone: "v2", dependencies: [7] },
        () => 7,
      ),
    ).toEqual([]);
  });
});

describe("planFieldChanges (for the preview and plan output)", () => {
  it("gives each finding's wanted fields and their changes against its issue's record", () => {
    const a = renderNewIssue(A1, ctx, wantedA1);
    const b = renderNewIssue(B2, ctx, { wanted: EMPTY });
    const plans = planFieldChanges(
      fields.byFinding,
      [tracked(1, a.body, a.title, a.labels), tracked(2, b.body, b.title, b.labels)],
      DEFAULT_ID_PATTERN,
    );
    expect(plans.get("A-1")).toMatchObject({ number: 1, changes: [] });
    expect(plans.get("B-2")).toMatchObject({
      number: 2,
      wanted: { blockedBy: ["A-1"] },
      changes: [{ label: "Blocked by", from: null, to: "A-1 (#1)", kind: "added" }],
    });
  });
});

describe("planSync: a blocker opened in this sync", () => {
  it("an open issue blocked by a finding later in the document that this sync opens: linked in the same sync", () => {
    const text = `# R

## B-2: Second

- **Error:** e
- **Risk:** Low
- **Blocked by:** C-3

## C-3: New

- **Error:** e
- **Risk:** Low
`;
    const parsed = parseRegister(text).findings;
    const own = registerIssueFields(parsed, { idPattern: DEFAULT_ID_PATTERN });
    const [b2] = parsed;
    if (!b2) throw new Error("fixture");
    const b = renderNewIssue(b2, ctx, { wanted: EMPTY });
    const plan = planSync({
      findings: parsed,
      diagnostics: [],
      documentFound: true,
      tracked: [tracked(2, b.body, b.title, b.labels)],
      ctx,
      allowCloseAll: false,
      issueFields: own,
    });
    expect(plan.actions.map((a) => a.kind)).toEqual(["create"]);
    expect(plan.dependencies).toEqual([
      { findingId: "B-2", number: 2, blockers: [{ id: "C-3", number: null }], setByBot: {} },
    ]);
    expect(plan.summary).toMatchObject({ created: 1, updated: 1, unchanged: 0 });
  });
});
