/** SPEC §3.3, one rule per test: an issue people have ticked, merged with a changed finding. */
import { describe, expect, it } from "vitest";
import type { Finding } from "../../../src/core/document/types.js";
import { parseIssueBody } from "../../../src/core/issue/parse-issue-body.js";
import { reconcileIssue } from "../../../src/core/issue/reconcile-issue.js";
import { renderNewIssue } from "../../../src/core/issue/render-issue.js";
import type { CurrentIssue } from "../../../src/core/issue/types.js";
import { tick, ticks, withSteps } from "../../fixtures/issue/issue-helpers.js";
import { MS_MED_006, seedContext } from "../../fixtures/issue/seed-findings.js";

const ctx = seedContext();
const NEXT = seedContext({ commitSha: "b".repeat(40) });

/** The issue for `steps`, with the steps at `ticked` ticked by a person. */
function issueWith(steps: string[], ticked: number[]): CurrentIssue {
  const created = renderNewIssue(withSteps(MS_MED_006, steps, "old"), ctx);
  let body = created.body;
  for (const index of ticked) body = tick(body, index);
  return { ...created, body };
}

function merged(current: CurrentIssue, steps: string[]): { body: string; finding: Finding } {
  const finding = withSteps(MS_MED_006, steps, "new");
  const change = reconcileIssue(current, finding, NEXT);
  if (change.body === null) throw new Error("expected a body write");
  return { body: change.body, finding };
}

const A = "Audit all script sources, style sources, connect sources, and frame sources";
const B = "Start with CSP report-only mode to capture violations without blocking";
const C = "Add nonce-based script loading for Next.js inline scripts";
const D = "Configure per-environment CSP (dev permissive, prod strict)";

describe("§3.3 checklist merge", () => {
  it("of two identical steps, the ticked one keeps its tick when the other goes", () => {
    const { body } = merged(issueWith([A, B, A], [2]), [B, A]);
    expect(ticks(body)).toEqual([false, true]);
  });

  it("a tick survives text a person wrote after the step's marker", () => {
    const current = issueWith([A, B], [0]);
    const body = current.body.replace(/(<!-- step:[0-9a-f]+ -->)/, "$1 done in #12");
    const { body: next } = merged({ ...current, body }, [A, B, C]);
    expect(ticks(next)).toEqual([true, false, false]);
  });

  it("a step with a Unicode line separator stays one line and keeps its tick", () => {
    const odd = "Audit the\u2028sources\u2029twice";
    const current = issueWith([odd, B], [0]);
    expect(parseIssueBody(current.body).steps.map((s) => s.checked)).toEqual([true, false]);
    const { body } = merged(current, [odd, B, C]);
    expect(ticks(body)).toEqual([true, false, false]);
  });

  it("a step whose text is unchanged keeps its tick", () => {
    const { body } = merged(issueWith([A, B, C], [1]), [A, B, C, D]);
    expect(ticks(body)).toEqual([false, true, false, false]);
  });

  it("a step whose text differs only in case and whitespace is unchanged and keeps its tick", () => {
    const { body } = merged(issueWith([A, B], [0]), [
      `  ${A.toUpperCase()}  `.replace(/ /g, "  "),
      B,
    ]);
    expect(ticks(body)).toEqual([true, false]);
  });

  it("a reworded step at the same position keeps its tick when similarity ≥ 0.6", () => {
    const reworded = "Start with CSP in report-only mode to collect violations without blocking";
    const { body } = merged(issueWith([A, B, C], [1]), [A, reworded, C]);
    expect(ticks(body)).toEqual([false, true, false]);
    expect(body).toContain(reworded);
  });

  it("a rewritten step at the same position with similarity < 0.6 comes in unticked", () => {
    const rewritten = "Ship a strict policy behind a feature flag";
    const { body } = merged(issueWith([A, B, C], [1]), [A, rewritten, C]);
    expect(ticks(body)).toEqual([false, false, false]);
  });

  it("a reworded step at another position keeps its tick when similarity ≥ 0.85", () => {
    const reworded = "Add nonce-based script loading for all Next.js inline scripts";
    const { body } = merged(issueWith([A, B, C], [2]), [reworded, A, B]);
    expect(ticks(body)).toEqual([true, false, false]);
  });

  it("a reworded step at another position with similarity below 0.85 comes in unticked", () => {
    const reworded = "Load inline scripts with nonces";
    const { body } = merged(issueWith([A, B, C], [2]), [reworded, A, B]);
    expect(ticks(body)).toEqual([false, false, false]);
  });

  it("new steps come in unticked", () => {
    const { body } = merged(issueWith([A, B], [0, 1]), [A, B, C]);
    expect(ticks(body)).toEqual([true, true, false]);
  });

  it("removed steps go away", () => {
    const { body } = merged(issueWith([A, B, C], [0, 1]), [A, C]);
    const parsed = parseIssueBody(body);
    expect(parsed.steps.map((s) => s.text)).toEqual([A, C]);
    expect(ticks(body)).toEqual([true, false]);
  });

  it("a tick made on a step that is then reworded stays on the reworded step", () => {
    const current = issueWith([A, B, C], []);
    const tickedByReviewer = { ...current, body: tick(current.body, 0) };
    const reworded = "Audit all script, style, connect and frame sources";
    const { body } = merged(tickedByReviewer, [reworded, B, C]);
    expect(ticks(body)).toEqual([true, false, false]);
    expect(parseIssueBody(body).steps[0]?.text).toBe(reworded);
  });

  it("a moved step keeps its tick at its new position", () => {
    const { body } = merged(issueWith([A, B, C, D], [0, 3]), [B, C, D, A]);
    expect(ticks(body)).toEqual([false, false, true, true]);
  });

  it("when all steps are replaced no tick survives", () => {
    const replaced = [
      "Pin the policy in a shared middleware",
      "Write an end-to-end test per route",
      "Roll out to staging",
    ];
    const { body } = merged(issueWith([A, B, C], [0, 1, 2]), replaced);
    expect(ticks(body)).toEqual([false, false, false]);
    expect(parseIssueBody(body).steps.map((s) => s.text)).toEqual(replaced);
  });

  it("a step that the person edited inside the block is still recognised by its marker", () => {
    const current = issueWith([A, B], [0]);
    const edited = { ...current, body: current.body.replace(A, "Audit (done by Kim)") };
    const { body } = merged(edited, [A, B, C]);
    expect(ticks(body)).toEqual([true, false, false]);
    expect(body).toContain(A);
  });

  it("one old step is claimed by at most one new step", () => {
    const { body } = merged(issueWith([A], [0]), [A, A]);
    expect(ticks(body)).toEqual([true, false]);
  });
});
