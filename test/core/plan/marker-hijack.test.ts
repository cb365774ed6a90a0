/**
 * Case 4 of issue 12 (§3.1): a person changed the hidden marker of A's issue to B. The issue stays
 * with A (its state line names A), nothing travels between A and B, and the disagreement is
 * reported once: a `conflict` comment and a warning in the status.
 */
import { describe, expect, it } from "vitest";
import { findBotComment, readCommentMarker } from "../../../src/core/issue/comment-marker.js";
import { describeOutcome } from "../../../src/core/plan/describe-outcome.js";
import { identifyIssue } from "../../../src/core/plan/identify-issues.js";
import { planSync } from "../../../src/core/plan/plan-sync.js";
import type { TrackedIssue } from "../../../src/core/plan/types.js";
import { MS_MED_006, MS_MED_008, seedContext } from "../../fixtures/issue/seed-findings.js";
import { trackedIssue } from "./plan-helpers.js";

const A = MS_MED_006;
const B = MS_MED_008;
const ctx = seedContext();
const hijack = (issue: TrackedIssue): TrackedIssue => ({
  ...issue,
  body: issue.body.replace(`deferbot:finding id=${A.id}`, `deferbot:finding id=${B.id}`),
});

/** A's issue (older, marker edited to B) and B's real issue with two ticks and notes. */
const aIssue = hijack(trackedIssue(A, 1));
const bIssue = trackedIssue(B, 2, { ticked: [0, 1], patch: { comments: 2, peopleComments: 2 } });

function plan(tracked = [aIssue, bIssue], findings = [A, B]) {
  return planSync({
    findings,
    diagnostics: [],
    documentFound: true,
    tracked,
    ctx,
    allowCloseAll: false,
  });
}

describe("an edited hidden marker", () => {
  it("is detected: the issue stays with the finding its state line names", () => {
    expect(identifyIssue(aIssue, ctx.config.idPattern)).toEqual({
      id: A.id,
      conflict: { state: A.id, marker: B.id, title: A.id },
    });
  });

  it("does not close B's real issue as a twin, retitle A's issue to B, nor open a new issue for A", () => {
    const result = plan();
    expect(result.actions.filter((a) => a.kind === "create" || a.number === 2)).toEqual([]);
    expect(result.actions.filter((a) => a.kind !== "create" && a.number === 1)).toEqual([]);
    expect(result.actions).toEqual([]);
    expect(result.summary).toMatchObject({ created: 0, closed: 0, updated: 0, conflicts: 1 });
  });

  it("moves no tick: nothing carries B's ticks anywhere", () => {
    const result = plan();
    expect(result.actions.some((a) => a.kind === "update" && a.carryTicks)).toBe(false);
  });

  it("is reported once: a conflict comment on the issue and a warning in the status", () => {
    const result = plan();
    expect(result.comments).toHaveLength(1);
    const planned = result.comments[0];
    expect(planned).toMatchObject({
      number: 1,
      findingId: A.id,
      mark: { kind: "conflict", finding: A.id },
    });
    expect(readCommentMarker(planned?.comment ?? "")).toEqual({ kind: "conflict", finding: A.id });
    expect(planned?.comment).toContain(`the hidden marker names ${B.id}`);
    // Posted once: the executor finds it among the issue's comments on the next sync.
    const posted = [{ author: "deferbot", body: planned?.comment ?? "" }];
    expect(findBotComment(posted, planned?.mark ?? { kind: "conflict" }, "deferbot")).toBe(
      posted[0],
    );
    const status = describeOutcome({
      plan: result,
      failures: [],
      configErrors: [],
      configPath: null,
      documentPath: "docs/deferred-errors.md",
    });
    expect(status.state).toBe("success");
    expect(result.warnings).toContainEqual(
      expect.stringContaining(`#1: its marker names ${B.id} but its state line ${A.id}`),
    );
    expect(status.description).toContain("1 with a marker that disagrees with its state line");
  });

  it("is decided for a version 1 state line too, by the title the bot recorded in it", () => {
    const v1 = (issue: TrackedIssue): TrackedIssue => ({
      ...issue,
      body: issue.body.replace(/<!-- deferbot:state (\S+) -->/, (_line, encoded: string) => {
        const { id: _id, ...state } = JSON.parse(Buffer.from(encoded, "base64").toString("utf8"));
        const old = Buffer.from(JSON.stringify({ ...state, v: 1 })).toString("base64");
        return `<!-- deferbot:state ${old} -->`;
      }),
    });
    const result = plan([v1(aIssue), v1(bIssue)]);
    expect(result.actions).toEqual([]);
    expect(result.summary.conflicts).toBe(1);
  });

  it("a clean issue of the same finding is kept; the conflicted one is not closed as its twin", () => {
    const clean = trackedIssue(A, 3);
    const result = plan([aIssue, bIssue, clean]);
    expect(result.actions.filter((a) => a.kind === "close")).toEqual([]);
    expect(result.summary.conflicts).toBe(1);
  });
});
