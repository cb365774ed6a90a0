/** reconcileIssue: what the sync writes to an open tracking issue, and what it leaves alone. */
import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG } from "../../../src/core/config/repo-config.js";
import { parseIssueBody } from "../../../src/core/issue/parse-issue-body.js";
import { reconcileIssue } from "../../../src/core/issue/reconcile-issue.js";
import { renderNewIssue } from "../../../src/core/issue/render-issue.js";
import { readState, setCloseRecord } from "../../../src/core/issue/state-line.js";
import type { CurrentIssue } from "../../../src/core/issue/types.js";
import { changed, tick, ticks, withSteps } from "../../fixtures/issue/issue-helpers.js";
import { MS_MED_006, MS_MED_008, seedContext } from "../../fixtures/issue/seed-findings.js";

const ctx = seedContext();
const LATER = seedContext({ commitSha: "c0ffee".padEnd(40, "0") });
const NOTES_ABOVE = "Owner: platform team\r\n\r\n";
const NOTES_BELOW =
  "\n\n## Notes\n\n- tried `report-only` on staging — 14 violations  \n- see #12\n";

function opened(finding = MS_MED_006): CurrentIssue {
  return renderNewIssue(finding, ctx);
}

describe("reconcileIssue: nothing to write", () => {
  it("writes nothing when the content hash is unchanged, though commit and lines moved", () => {
    const current = opened();
    const moved = {
      ...MS_MED_006,
      span: { startLine: 40, endLine: 52 },
      files: [{ path: "apps/web/next.config.ts" }],
    };
    const change = reconcileIssue(current, moved, LATER);
    expect(change).toEqual({
      body: null,
      title: null,
      addLabels: [],
      removeLabels: [],
      comment: null,
    });
  });

  it("keeps a tick made seconds ago when nothing changed (the body is not written)", () => {
    const current = opened();
    const change = reconcileIssue({ ...current, body: tick(current.body, 2) }, MS_MED_006, LATER);
    expect(change.body).toBeNull();
  });

  it("writes nothing when a person renamed the issue and relabelled it", () => {
    const current = { ...opened(), title: "CSP (owned by web team)", labels: ["needs-triage"] };
    expect(reconcileIssue(current, MS_MED_006, LATER)).toEqual({
      body: null,
      title: null,
      addLabels: [],
      removeLabels: [],
      comment: null,
    });
  });
});

describe("reconcileIssue: a changed finding", () => {
  it("re-reads ticks from the current body: a tick made while the sync ran is kept", () => {
    const planned = opened();
    const next = withSteps(MS_MED_006, [
      ...MS_MED_006.steps.map((s) => s.text),
      "Document the policy",
    ]);
    const reReadJustBeforeWriting = { ...planned, body: tick(planned.body, 1) };
    const change = reconcileIssue(reReadJustBeforeWriting, next, LATER);
    expect(ticks(change.body ?? "")).toEqual([false, true, false, false, false, false]);
  });

  it("re-renders the links at the new commit and records hash and sha in the state line", () => {
    const next = changed(MS_MED_006, { error: "No CSP header at all" });
    const body = reconcileIssue(opened(), next, LATER).body ?? "";
    expect(body).toContain(`/src/commit/${LATER.commitSha}/apps/web/next.config.ts`);
    expect(body).not.toContain(ctx.commitSha);
    expect(readState(body)).toMatchObject({ hash: next.hash, sha: LATER.commitSha });
  });

  it("keeps a person's notes above and below the block byte for byte", () => {
    const created = opened();
    const body = `${NOTES_ABOVE}${tick(created.body, 0)}${NOTES_BELOW}`;
    const next = changed(MS_MED_006, { category: "Security" });
    const written = reconcileIssue({ ...created, body }, next, LATER).body ?? "";
    expect(written.startsWith(NOTES_ABOVE)).toBe(true);
    expect(written.endsWith(NOTES_BELOW)).toBe(true);
    const parsed = parseIssueBody(written);
    expect(parsed.status).toBe("ok");
    expect([parsed.before, parsed.after]).toEqual([NOTES_ABOVE, NOTES_BELOW]);
    expect(ticks(written)[0]).toBe(true);
  });

  it("keeps a note that quotes the block's markers, which only count on a line of their own", () => {
    const created = opened();
    const below =
      "\n\nNote: the bot's `<!-- deferbot:end -->` marker, and `<!-- deferbot:finding id=X -->`, render as nothing.\n";
    const body = `${created.body}${below}`;
    expect(parseIssueBody(body)).toMatchObject({ status: "ok", after: below });
    const written =
      reconcileIssue({ ...created, body }, changed(MS_MED_006, { category: "Security" }), LATER)
        .body ?? "";
    expect(written.endsWith(below)).toBe(true);
  });

  it("keeps the close record and the all-ticked notice in the state line", () => {
    const created = opened();
    const body = setCloseRecord(created.body, { reason: "ignored" });
    const written = reconcileIssue(
      { ...created, body },
      changed(MS_MED_006, { category: "Security" }),
      LATER,
    ).body;
    expect(readState(written ?? "")?.closed).toEqual({ reason: "ignored" });
  });
});

describe("reconcileIssue: repairing a body a person broke", () => {
  it("repairs a block whose end marker was deleted, keeping the notes after it", () => {
    const created = opened();
    const withoutEnd = tick(created.body, 3).replace("\n<!-- deferbot:end -->", "");
    const current = { ...created, body: `${withoutEnd}${NOTES_BELOW}` };
    expect(parseIssueBody(current.body).status).toBe("broken");
    const written = reconcileIssue(current, MS_MED_006, ctx).body ?? "";
    const parsed = parseIssueBody(written);
    expect(parsed.status).toBe("ok");
    expect(parsed.after).toBe(NOTES_BELOW);
    expect(ticks(written)).toEqual([false, false, false, true, false]);
  });

  it("repairs a block whose end marker and state line were deleted, bounded by the last step", () => {
    const created = opened();
    const cut = created.body.slice(0, created.body.indexOf("\n\n<!-- deferbot:state"));
    const current = { ...created, body: `${NOTES_ABOVE}${cut}\n\nMy notes.\n` };
    const written = reconcileIssue(current, MS_MED_006, ctx).body ?? "";
    const parsed = parseIssueBody(written);
    expect(parsed.status).toBe("ok");
    expect(parsed.before).toBe(NOTES_ABOVE);
    expect(parsed.after).toBe("\n\nMy notes.\n");
  });

  it("makes one block of a duplicated block, keeping the text between the copies and ticks of both", () => {
    const created = opened();
    const body = `${tick(created.body, 0)}\n\nbetween the copies\n\n${tick(created.body, 4)}`;
    const parsed = parseIssueBody(body);
    expect(parsed.status).toBe("broken");
    const written = reconcileIssue({ ...created, body }, MS_MED_006, ctx).body ?? "";
    expect(written.match(/deferbot:finding/g)).toHaveLength(1);
    expect(written).toContain("between the copies");
    expect(parseIssueBody(written).status).toBe("ok");
    expect(ticks(written)).toEqual([true, false, false, false, true]);
  });

  it("restores the block of an adopted issue (marker deleted, title `ID:`), putting it first", () => {
    const current = { title: "MS-MED-006: CSP", body: "We started on this.\n", labels: [] };
    const change = reconcileIssue(current, MS_MED_006, ctx);
    const parsed = parseIssueBody(change.body ?? "");
    expect(parsed.status).toBe("ok");
    expect(parsed.findingId).toBe("MS-MED-006");
    expect(parsed.after).toBe("\n\nWe started on this.\n");
    expect(change.title).toBe("MS-MED-006: Add Content Security Policy Headers");
    expect(change.addLabels).toEqual(["deferred-error", "risk/medium", "category/architectural"]);
  });

  it("restores a block whose start marker was deleted without doubling it", () => {
    const created = opened();
    const body = `${NOTES_ABOVE}${created.body.replace("<!-- deferbot:finding id=MS-MED-006 -->\n", "")}`;
    const parsed = parseIssueBody(body);
    expect(parsed.status).toBe("broken");
    expect(parsed.before).toBe(NOTES_ABOVE);
    const written = reconcileIssue({ ...created, body }, MS_MED_006, ctx).body ?? "";
    expect(written).toBe(`${NOTES_ABOVE}${created.body}`);
  });

  it("reads a body whose line ends a person's edit turned into CRLF", () => {
    const created = opened();
    const crlf = tick(created.body, 1).replaceAll("\n", "\r\n");
    const parsed = parseIssueBody(crlf);
    expect(parsed.status).toBe("ok");
    expect(parsed.steps.map((s) => s.checked)).toEqual([false, true, false, false, false]);
    expect(reconcileIssue({ ...created, body: crlf }, MS_MED_006, LATER).body).toBeNull();
  });
});

describe("reconcileIssue: title", () => {
  it("sets the title when the finding's title changed", () => {
    const next = changed(MS_MED_006, { title: "Add CSP headers" });
    expect(reconcileIssue(opened(), next, LATER).title).toBe("MS-MED-006: Add CSP headers");
  });

  it("leaves a person's rename alone while the finding's title is unchanged", () => {
    const current = { ...opened(), title: "CSP (web team)" };
    const next = changed(MS_MED_006, { category: "Security" });
    const change = reconcileIssue(current, next, LATER);
    expect(change.title).toBeNull();
    expect(readState(change.body ?? "")?.title).toBe(
      "MS-MED-006: Add Content Security Policy Headers",
    );
  });

  it("replaces a person's rename once the finding's title changes", () => {
    const current = { ...opened(), title: "CSP (web team)" };
    const next = changed(MS_MED_006, { title: "Add CSP headers" });
    expect(reconcileIssue(current, next, LATER).title).toBe("MS-MED-006: Add CSP headers");
  });
});

describe("reconcileIssue: labels", () => {
  it("swaps the risk label the bot set when the risk changes", () => {
    const next = changed(MS_MED_006, { risk: { level: "high", word: "High", rationale: "" } });
    const change = reconcileIssue(opened(), next, LATER);
    expect(change.addLabels).toEqual(["risk/high"]);
    expect(change.removeLabels).toEqual(["risk/medium"]);
    expect(readState(change.body ?? "")?.labels).toEqual([
      "deferred-error",
      "risk/high",
      "category/architectural",
    ]);
  });

  it("never removes a label a person added", () => {
    const current = { ...opened(), labels: [...opened().labels, "risk/critical", "team/web"] };
    const next = changed(MS_MED_006, { risk: { level: "low", word: "Low", rationale: "" } });
    const change = reconcileIssue(current, next, LATER);
    expect(change.removeLabels).toEqual(["risk/medium"]);
    expect(change.addLabels).toEqual(["risk/low"]);
  });

  it("does not ask to remove a bot label that is already gone", () => {
    const current = { ...opened(), labels: ["deferred-error", "category/architectural"] };
    const next = changed(MS_MED_006, { category: "Security" });
    const change = reconcileIssue(current, next, LATER);
    expect(change.removeLabels).toEqual(["category/architectural"]);
    expect(change.addLabels).toEqual(["risk/medium", "category/security"]);
  });

  it("honours the configuration: no risk labels", () => {
    const config = { ...DEFAULT_CONFIG, labels: { ...DEFAULT_CONFIG.labels, risk: false } };
    expect(renderNewIssue(MS_MED_008, seedContext({ config })).labels).toEqual([
      "deferred-error",
      "category/architectural",
    ]);
  });
});

describe("reconcileIssue: the §3.3 change comment", () => {
  it("summarises steps and fields when the issue has a tick", () => {
    const created = opened(MS_MED_008);
    const current = { ...created, body: tick(tick(created.body, 0), 2) };
    const steps = MS_MED_008.steps.map((s) => s.text);
    const next = {
      ...withSteps(MS_MED_008, [
        steps[0] ?? "",
        "Add Valkey connection health checks before spawn operations",
        steps[3] ?? "",
        "Remove the Map",
      ]),
      risk: { level: "medium", word: "Medium", rationale: "Two instances are planned." },
      files: [{ path: "apps/orchestrator/src/spawner/session-store.ts", startLine: 3, endLine: 9 }],
    };
    const comment = reconcileIssue(current, next, LATER).comment ?? "";
    expect(comment).toContain("- Added: Remove the Map");
    expect(comment).toContain(
      "- Removed: Implement read-through cache pattern: Map as cache, Valkey as source",
    );
    expect(comment).toContain(
      "- Reworded (tick kept): Add Valkey connection health check before spawn operations → Add Valkey connection health checks before spawn operations",
    );
    expect(comment).toContain("- Risk: Low → Medium");
    expect(comment).toContain(
      "- File: apps/orchestrator/src/spawner/agent-spawner.service.ts:19 → apps/orchestrator/src/spawner/session-store.ts:3-9",
    );
    expect(comment).toContain("- Risk rationale: changed");
  });

  it("says which removed step was ticked", () => {
    const created = opened(MS_MED_008);
    const current = { ...created, body: tick(created.body, 3) };
    const next = withSteps(
      MS_MED_008,
      MS_MED_008.steps.slice(0, 3).map((s) => s.text),
    );
    expect(reconcileIssue(current, next, LATER).comment).toContain(
      "- Removed (was ticked): Migrate call sites incrementally with feature flag",
    );
  });

  it("does not comment on a field change alone: §3.3 asks for a comment when steps changed", () => {
    const created = opened(MS_MED_008);
    const current = { ...created, body: tick(created.body, 0) };
    const next = changed(MS_MED_008, {
      risk: { level: "medium", word: "Medium", rationale: MS_MED_008.risk?.rationale ?? "" },
    });
    const change = reconcileIssue(current, next, LATER);
    expect(change.body).not.toBeNull();
    expect(change.comment).toBeNull();
  });

  it("names the changed fields in the comment a step change asks for", () => {
    const created = opened(MS_MED_008);
    const current = { ...created, body: tick(created.body, 0) };
    const next = changed(
      withSteps(MS_MED_008, [...MS_MED_008.steps.map((s) => s.text), "One more"]),
      {
        risk: { level: "medium", word: "Medium", rationale: MS_MED_008.risk?.rationale ?? "" },
      },
    );
    const comment = reconcileIssue(current, next, LATER).comment ?? "";
    expect(comment).toContain("- Risk: Low → Medium");
    expect(comment).toContain("One more");
  });

  it("does not comment on an issue without ticks", () => {
    const next = withSteps(MS_MED_008, ["Something else entirely"]);
    expect(reconcileIssue(opened(MS_MED_008), next, LATER).comment).toBeNull();
  });

  it("does not comment when only the order of steps changed", () => {
    const created = opened(MS_MED_008);
    const current = { ...created, body: tick(created.body, 0) };
    const next = withSteps(MS_MED_008, MS_MED_008.steps.map((s) => s.text).reverse());
    const change = reconcileIssue(current, next, LATER);
    expect(change.body).not.toBeNull();
    expect(change.comment).toBeNull();
  });
});
