import { describe, expect, it } from "vitest";
import { normaliseActionsPayload, unknownEventError } from "../../src/action/read-event.js";

describe("normaliseActionsPayload", () => {
  const commits = [{ id: "b" }, { id: "a" }];

  it("marks an Actions push (no total_commits) as possibly cut", () => {
    const { payload, adjusted } = normaliseActionsPayload("push", {
      ref: "refs/heads/main",
      commits,
    });
    expect(payload.total_commits).toBe(3);
    expect(adjusted).toHaveLength(1);
  });

  it("keeps a webhook push, whose total_commits is filled in, and a push without commits", () => {
    const webhook = { commits, total_commits: 2 };
    expect(normaliseActionsPayload("push", webhook)).toEqual({ payload: webhook, adjusted: [] });
    const empty = { commits: [] };
    expect(normaliseActionsPayload("push", empty)).toEqual({ payload: empty, adjusted: [] });
  });

  it("gives an Actions `issues` edit (no changes) an empty previous body", () => {
    const { payload } = normaliseActionsPayload("issues", { action: "edited", issue: {} });
    expect(payload.changes).toEqual({ body: { from: "" } });
  });

  it("keeps a webhook `issues` edit, a title-only change included, and other actions", () => {
    const titleOnly = { action: "edited", changes: { title: { from: "Old" } } };
    expect(normaliseActionsPayload("issues", titleOnly).payload).toBe(titleOnly);
    const closed = { action: "closed" };
    expect(normaliseActionsPayload("issues", closed).payload).toBe(closed);
    const comment = { action: "created" };
    expect(normaliseActionsPayload("issue_comment", comment).payload).toBe(comment);
  });
});

describe("unknownEventError", () => {
  it("accepts the events the server routes and the full syncs, and names them for any other", () => {
    for (const name of ["push", "issues", "issue_comment", "pull_request"])
      expect(unknownEventError(name)).toBeNull();
    for (const name of ["schedule", "workflow_dispatch"])
      expect(unknownEventError(name)).toBeNull();
    expect(unknownEventError("release")).toContain(
      "it handles push, issues, issue_comment, pull_request, schedule, workflow_dispatch",
    );
  });
});
