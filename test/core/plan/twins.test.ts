/** Twin resolution (§3.1): the issue with the most work by people is kept; no tick is lost. */
import { describe, expect, it } from "vitest";
import { applyCarriedTicks } from "../../../src/core/issue/carry-ticks.js";
import { readCommentMarker } from "../../../src/core/issue/comment-marker.js";
import { parseIssueBody } from "../../../src/core/issue/parse-issue-body.js";
import { countPeopleComments, twinNumbers } from "../../../src/core/plan/identify-issues.js";
import { type PlanInput, planSync } from "../../../src/core/plan/plan-sync.js";
import type { PlannedAction, TrackedIssue } from "../../../src/core/plan/types.js";
import { tick, ticks } from "../../fixtures/issue/issue-helpers.js";
import { MS_MED_006, seedContext } from "../../fixtures/issue/seed-findings.js";
import { trackedIssue } from "./plan-helpers.js";

const ID = MS_MED_006.id;

function plan(tracked: TrackedIssue[], findings = [MS_MED_006]) {
  const input: PlanInput = {
    findings,
    diagnostics: [],
    documentFound: true,
    tracked,
    ctx: seedContext(),
    allowCloseAll: false,
  };
  return planSync(input);
}

const closes = (actions: PlannedAction[]) =>
  actions.flatMap((a) => (a.kind === "close" ? [a] : []));

describe("twins", () => {
  it("keeps the younger issue when it is the one people ticked, and closes the older as its twin", () => {
    const older = trackedIssue(MS_MED_006, 1);
    const worked = trackedIssue(MS_MED_006, 2, { ticked: [0, 1] });
    const result = plan([older, worked]);
    expect(closes(result.actions)).toEqual([
      expect.objectContaining({ number: 1, record: { reason: "twin", twinOf: 2 } }),
    ]);
    const close = closes(result.actions)[0];
    expect(close?.comment).toContain("Duplicate of #2");
    expect(readCommentMarker(close?.comment ?? "")).toEqual({ kind: "twin", finding: ID });
    expect(result.actions.filter((a) => a.kind === "create")).toEqual([]);
  });

  it("on equal work keeps the oldest", () => {
    const result = plan([
      trackedIssue(MS_MED_006, 2, { ticked: [1] }),
      trackedIssue(MS_MED_006, 1, { ticked: [0] }),
    ]);
    expect(closes(result.actions).map((a) => [a.number, a.record.twinOf])).toEqual([[2, 1]]);
  });

  it("counts comments by people when the shell knows them for every twin", () => {
    const talked = trackedIssue(MS_MED_006, 1, { patch: { peopleComments: 3, comments: 5 } });
    const ticked = trackedIssue(MS_MED_006, 2, { ticked: [0], patch: { peopleComments: 0 } });
    expect(closes(plan([talked, ticked]).actions).map((a) => a.number)).toEqual([2]);
  });

  it("compares ticks alone when comments by people are unknown for a twin (the listing's count holds the bot's)", () => {
    const talked = trackedIssue(MS_MED_006, 1, { patch: { comments: 5 } });
    const ticked = trackedIssue(MS_MED_006, 2, { ticked: [0], patch: { peopleComments: 0 } });
    expect(closes(plan([talked, ticked]).actions).map((a) => a.number)).toEqual([1]);
    expect(twinNumbers([talked, ticked], seedContext().config.idPattern)).toEqual([1]);
    expect(countPeopleComments([{ author: "Deferbot" }, { author: "alice" }], "deferbot")).toBe(1);
  });

  it("carries the twins' ticks to the kept issue before closing them: no tick is lost", () => {
    const kept = trackedIssue(MS_MED_006, 1, { ticked: [1, 2] });
    const twin = trackedIssue(MS_MED_006, 2, { ticked: [0, 1] });
    const result = plan([kept, twin]);
    const update = result.actions.find((a) => a.kind === "update");
    expect(update).toMatchObject({ number: 1 });
    expect(result.actions.indexOf(update as PlannedAction)).toBe(0);
    const carry = update?.kind === "update" ? (update.carryTicks ?? []) : [];
    expect(carry.map((s) => s.hash)).toEqual([parseIssueBody(kept.body, ID).steps[0]?.hash]);
    expect(closes(result.actions)).toEqual([
      expect.objectContaining({ number: 2, afterUpdateOf: 1 }),
    ]);
    // Every step ticked on either is ticked on the kept issue; its other bytes are as they were.
    const merged = applyCarriedTicks(kept.body, carry, ID);
    const union = ticks(kept.body).map((t, i) => t || (ticks(twin.body)[i] ?? false));
    expect(ticks(merged)).toEqual(union);
    expect(merged).toBe(tick(kept.body, 0));
  });

  it("plans no carry when the kept issue already has every tick", () => {
    const kept = trackedIssue(MS_MED_006, 1, { ticked: [0, 1] });
    const twin = trackedIssue(MS_MED_006, 2, { ticked: [0] });
    const result = plan([kept, twin]);
    expect(result.actions.filter((a) => a.kind === "update")).toEqual([]);
    expect(closes(result.actions)[0]).not.toHaveProperty("afterUpdateOf");
  });

  it("carries ticks to the kept issue of a finding removed from the document too", () => {
    const kept = trackedIssue(MS_MED_006, 1, { ticked: [1, 2] });
    const twin = trackedIssue(MS_MED_006, 2, { ticked: [0] });
    const other = { ...MS_MED_006, id: "MS-MED-099", hash: "other" };
    const result = plan([kept, twin], [other]);
    expect(result.actions[0]).toMatchObject({ kind: "update", number: 1 });
  });
});
