/**
 * The preview of a pull request against the tracker as it is now: one scenario per kind of
 * register change, each checking the plan read back, the comment and the status.
 */
import { describe, expect, it } from "vitest";
import { setCloseRecord } from "../../../src/core/issue/state-line.js";
import { MAX_DESCRIPTION } from "../../../src/core/plan/describe-outcome.js";
import { planSync } from "../../../src/core/plan/plan-sync.js";
import { describePreviewStatus } from "../../../src/core/preview/describe-preview-status.js";
import { planPreview } from "../../../src/core/preview/plan-preview.js";
import { renderPreviewComment } from "../../../src/core/preview/render-preview.js";
import {
  contextAt,
  EXAMPLE_REGISTER,
  edit,
  HEAD_SHA,
  issueFor,
  issuesFor,
  NEW_SECTION,
  parse,
  previewBetween,
  REPO_URL,
  withNewFinding,
  withoutSection,
} from "../../fixtures/preview/scenario.js";

const ctx = contextAt(HEAD_SHA);
const baseParse = parse(EXAMPLE_REGISTER);

const preview = previewBetween;

describe("planPreview", () => {
  it("a PR adding a finding: one issue to open, nothing else mentioned", () => {
    const head = withNewFinding(EXAMPLE_REGISTER);
    const added = parse(head).findings.find((f) => f.id === "API-SEC-022");
    if (!added) throw new Error("the new section does not parse");
    const result = preview(EXAMPLE_REGISTER, head, issuesFor(baseParse));
    expect(result.entries).toHaveLength(1);
    expect(result.entries[0]?.change.kind).toBe("added");
    expect(result.entries[0]?.issue).toEqual({ action: "open" });
    expect(result.counts).toEqual({ open: 1, update: 0, reopen: 0, close: 0 });

    const comment = renderPreviewComment(result, ctx);
    expect(comment).toContain("**Merging this will open 1 tracking issue.**");
    expect(comment).toContain(
      `#### New: [API-SEC-022](${REPO_URL}/src/commit/${HEAD_SHA}/docs/deferred-errors.md#L${added.span.startLine}-L${added.span.endLine}): Expire sessions after a password change`,
    );
    expect(comment).toContain("A new tracking issue will be opened with 2 steps.");
    for (const other of ["API-SEC-014", "API-OBS-003", "DB-MIG-021", "WEB-DEP-009"])
      expect(comment).not.toContain(other);
    expect(describePreviewStatus(result, ctx.documentPath)).toEqual({
      state: "success",
      description: "Merging this will open 1 tracking issue.",
    });
  });

  it("a PR changing a finding's steps under ticks: which ticks the merge keeps and which go", () => {
    // API-OBS-003's issue has its first and third steps ticked; the PR rewords the first,
    // removes the third and adds a fourth.
    let head = edit(
      EXAMPLE_REGISTER,
      "  1. List every header and query parameter that carries a secret",
      "  1. List every header and every query parameter that carries a secret",
    );
    head = edit(
      head,
      "  3. Purge the last 30 days of access logs from the archive bucket",
      "  3. Alert when a secret pattern shows up in the new collector",
    );
    const tracked = issuesFor(baseParse, { "API-OBS-003": [0, 2] });
    const result = preview(EXAMPLE_REGISTER, head, tracked);

    expect(result.entries).toHaveLength(1);
    const [entry] = result.entries;
    expect(entry?.change.kind).toBe("changed");
    expect(entry?.issue).toEqual({
      action: "update",
      number: 12,
      ticks: {
        kept: ["List every header and every query parameter that carries a secret"],
        lost: ["Purge the last 30 days of access logs from the archive bucket"],
      },
    });
    const comment = renderPreviewComment(result, ctx);
    expect(comment).toContain("**Merging this will update 1 tracking issue.**");
    expect(comment).toContain(
      `Tracking issue [#12](${REPO_URL}/issues/12) will be updated.\n\n- Step added: Alert when a secret pattern shows up in the new collector`,
    );
    expect(comment).toContain(
      "- Step removed: Purge the last 30 days of access logs from the archive bucket",
    );
    expect(comment).toContain(
      "- Step reworded: List every header and query parameter that carries a secret → List every header and every query parameter that carries a secret",
    );
    expect(comment).toContain(
      "- Tick kept: List every header and every query parameter that carries a secret",
    );
    expect(comment).toContain(
      "- Tick lost (step removed): Purge the last 30 days of access logs from the archive bucket",
    );
  });

  it("a PR removing a finding names the issue it closes", () => {
    const result = preview(
      EXAMPLE_REGISTER,
      withoutSection(EXAMPLE_REGISTER, "DB-MIG-021"),
      issuesFor(baseParse),
    );
    expect(result.entries.map((e) => [e.change.kind, e.change.id, e.issue])).toEqual([
      ["removed", "DB-MIG-021", { action: "close", number: 13 }],
    ]);
    const comment = renderPreviewComment(result, ctx);
    expect(comment).toContain("**Merging this will close 1 tracking issue.**");
    expect(comment).toContain(
      `#### Removed: DB-MIG-021: Make the orders migration safe to run online\n\nTracking issue [#13](${REPO_URL}/issues/13) will be closed as removed.`,
    );
  });

  it("a PR re-adding a finding whose issue the bot closed as removed reopens it", () => {
    const withoutMigration = withoutSection(EXAMPLE_REGISTER, "DB-MIG-021");
    const migration = baseParse.findings.find((f) => f.id === "DB-MIG-021");
    if (!migration) throw new Error("the example has no DB-MIG-021");
    const tracked = [
      ...issuesFor(parse(withoutMigration)),
      issueFor(migration, 7, { closedAsRemoved: "0badc0de" }),
    ];
    const result = preview(withoutMigration, EXAMPLE_REGISTER, tracked);
    expect(result.entries.map((e) => [e.change.kind, e.change.id, e.issue.action])).toEqual([
      ["added", "DB-MIG-021", "reopen"],
    ]);
    expect(result.counts).toEqual({ open: 0, update: 0, reopen: 1, close: 0 });
    const comment = renderPreviewComment(result, ctx);
    expect(comment).toContain("**Merging this will reopen 1 tracking issue.**");
    expect(comment).toContain("#### Re-added: [DB-MIG-021]");
    expect(comment).toContain(
      `Tracking issue [#7](${REPO_URL}/issues/7) will be reopened and updated.`,
    );
  });

  it("a PR breaking the document (a duplicate ID): failure status, the diagnostics linked at the head", () => {
    const duplicate = NEW_SECTION.replace("API-SEC-022", "API-OBS-003");
    const head = `${EXAMPLE_REGISTER.trimEnd()}\n${duplicate}`;
    const headParse = parse(head);
    const error = headParse.diagnostics.find((d) => d.code === "duplicate-id");
    if (!error) throw new Error("the parser reports no duplicate-id");
    const result = preview(EXAMPLE_REGISTER, head, issuesFor(baseParse));

    // The first API-OBS-003 is unchanged, so no finding changes; the error is what matters.
    expect(result.entries).toEqual([]);
    const status = describePreviewStatus(result, ctx.documentPath);
    expect(status.state).toBe("failure");
    expect(
      status.description.startsWith(`1 error in docs/deferred-errors.md; line ${error.line}: `),
    ).toBe(true);
    expect(Array.from(status.description).length).toBeLessThanOrEqual(MAX_DESCRIPTION);
    const comment = renderPreviewComment(result, ctx);
    expect(comment).toContain("**Merging this changes no tracking issue.**");
    expect(comment).toContain("#### The document at the head: 1 error");
    expect(comment).toContain(
      `- **error** [line ${error.line}](${REPO_URL}/src/commit/${HEAD_SHA}/docs/deferred-errors.md#L${error.line}): `,
    );
    expect(comment).toContain("(`duplicate-id`)");
    expect(comment).toContain(
      "Merged with errors, the sync creates and updates what it can read but closes nothing.",
    );
  });

  it("a broken document closes nothing: a removed finding's issue is said to stay open", () => {
    const head = `${withoutSection(EXAMPLE_REGISTER, "DB-MIG-021").trimEnd()}\n${NEW_SECTION.replace("API-SEC-022", "API-OBS-003")}`;
    const result = preview(EXAMPLE_REGISTER, head, issuesFor(baseParse));
    expect(result.entries.map((e) => [e.change.id, e.issue.action])).toEqual([
      ["DB-MIG-021", "none"],
    ]);
    expect(result.counts.close).toBe(0);
    expect(result.closeBlocked).toMatch(/^the document has errors \(line \d+: /);
    const comment = renderPreviewComment(result, ctx);
    expect(comment).toContain(
      `No tracking issue will be written: issue [#13](${REPO_URL}/issues/13) stays open: the document has errors`,
    );
    expect(describePreviewStatus(result, ctx.documentPath).state).toBe("failure");
  });

  it("a PR that edits the document but no finding changes no issue", () => {
    const head = edit(EXAMPLE_REGISTER, "Findings from the Q3", "Findings from the third-quarter");
    const result = preview(EXAMPLE_REGISTER, head, issuesFor(baseParse));
    expect(result.entries).toEqual([]);
    expect(result.counts).toEqual({ open: 0, update: 0, reopen: 0, close: 0 });
    const comment = renderPreviewComment(result, ctx);
    expect(comment).toContain("**Merging this changes no tracking issue.**");
    expect(comment).toContain("No finding changes in [`docs/deferred-errors.md`]");
    expect(comment).not.toContain("####");
    expect(describePreviewStatus(result, ctx.documentPath)).toEqual({
      state: "success",
      description: "Merging this changes no tracking issue.",
    });
  });

  it("a PR cut before the default branch gained a finding does not announce closing it", () => {
    // The default branch gained API-SEC-022 (and its issue #15) after the PR was cut; the PR
    // itself only rewords the intro. The head lacks API-SEC-022, as its merge base does.
    const defaultNow = parse(withNewFinding(EXAMPLE_REGISTER));
    const tracked = issuesFor(defaultNow);
    expect(tracked.map((i) => i.number)).toContain(15);
    const head = edit(EXAMPLE_REGISTER, "Findings from the Q3", "Findings from the third-quarter");

    // A sync of the head alone would close #15: that is what the preview must not claim.
    const naive = planSync({
      findings: parse(head).findings,
      diagnostics: [],
      documentFound: true,
      tracked,
      ctx,
      allowCloseAll: false,
    });
    expect(naive.actions.map((a) => [a.kind, a.findingId])).toEqual([["close", "API-SEC-022"]]);

    const result = preview(EXAMPLE_REGISTER, head, tracked);
    expect(result.entries).toEqual([]);
    expect(result.counts.close).toBe(0);
    expect(renderPreviewComment(result, ctx)).not.toContain("API-SEC-022");
  });

  it("a finding the default branch already changed the same way: its issue already shows it", () => {
    const head = edit(
      EXAMPLE_REGISTER,
      "- **Risk:** Low — A second-long lock",
      "- **Risk:** High — A second-long lock",
    );
    const tracked = issuesFor(parse(head));
    const result = preview(EXAMPLE_REGISTER, head, tracked);
    expect(result.entries.map((e) => [e.change.id, e.issue])).toEqual([
      ["DB-MIG-021", { action: "none", number: 13, why: "#13 already shows it" }],
    ]);
    expect(renderPreviewComment(result, ctx)).toContain("- Risk: Low → High");
  });

  it("a re-added finding whose issue was ignored is not reopened", () => {
    const withoutMigration = withoutSection(EXAMPLE_REGISTER, "DB-MIG-021");
    const migration = baseParse.findings.find((f) => f.id === "DB-MIG-021");
    if (!migration) throw new Error("the example has no DB-MIG-021");
    const ignored = issueFor(migration, 7);
    const tracked = [
      ...issuesFor(parse(withoutMigration)),
      {
        ...ignored,
        state: "closed" as const,
        body: setCloseRecord(ignored.body, { reason: "ignored" }, "DB-MIG-021"),
      },
    ];
    const result = preview(withoutMigration, EXAMPLE_REGISTER, tracked);
    expect(result.entries[0]?.issue).toEqual({
      action: "none",
      number: 7,
      why: "#7 is ignored and stays closed",
    });
    expect(result.counts).toEqual({ open: 0, update: 0, reopen: 0, close: 0 });
  });

  it("a removed finding with no issue, and one whose issue is already closed", () => {
    const tracked = issuesFor(baseParse).filter((issue) => issue.number !== 13);
    const result = preview(
      EXAMPLE_REGISTER,
      withoutSection(EXAMPLE_REGISTER, "DB-MIG-021"),
      tracked,
    );
    expect(result.entries[0]?.issue).toEqual({
      action: "none",
      number: null,
      why: "it has no tracking issue",
    });
    expect(result.closeBlocked).toBeNull();
    const closed = issuesFor(baseParse).map((issue) =>
      issue.number === 13 ? { ...issue, state: "closed" as const } : issue,
    );
    const again = preview(EXAMPLE_REGISTER, withoutSection(EXAMPLE_REGISTER, "DB-MIG-021"), closed);
    expect(again.entries[0]?.issue).toEqual({
      action: "none",
      number: 13,
      why: "#13 is already closed",
    });
  });

  it("a PR removing the last finding: like the sync, it closes nothing without --allow-close-all", () => {
    const only = parse(EXAMPLE_REGISTER).findings[0];
    if (!only) throw new Error("no finding");
    const single = EXAMPLE_REGISTER.slice(
      0,
      EXAMPLE_REGISTER.indexOf("\n---\n", EXAMPLE_REGISTER.indexOf("## API-SEC-014")),
    );
    const empty = withoutSection(`${single}\n`, "API-SEC-014");
    const result = planPreview({
      base: parse(single),
      head: parse(empty),
      headDocumentFound: true,
      tracked: [issueFor(only, 11)],
      ctx,
    });
    expect(result.entries[0]?.issue.action).toBe("none");
    expect(result.closeBlocked).toContain("has no findings");
  });
});
