/** The Actions mode's outcome comes from the bot's events, never from log lines. */
import { describe, expect, it } from "vitest";
import { outcomeOf } from "../../src/action/outcome.js";
import type { DeferbotEvent } from "../../src/service/events.js";
import type { SyncResult } from "../../src/sync/sync-repository.js";

const routed: DeferbotEvent = {
  type: "delivery-routed",
  delivery: "d-1",
  event: "push",
  repo: "acme/widgets",
  outcome: "queued",
};

function run(events: DeferbotEvent[], workFailures: string[] = []) {
  return outcomeOf({
    eventName: "push",
    delivery: "d-1",
    events,
    workFailures,
    receiveFailure: null,
  });
}

describe("outcomeOf", () => {
  it("a sync that failed: exit 3, one line, though the delivery's work failed with it", () => {
    const outcome = run(
      [
        routed,
        {
          type: "sync-failed",
          repo: "acme/widgets",
          request: { sha: "abc" },
          error: new Error("Gitea GET /repos/acme/widgets/issues failed: 500"),
          durationMs: 1,
        },
      ],
      ["Gitea GET /repos/acme/widgets/issues failed: 500"],
    );
    expect(outcome).toMatchObject({ routed: "queued", repo: "acme/widgets", exitCode: 3 });
    expect(outcome.problems).toEqual([
      "sync failed: Gitea GET /repos/acme/widgets/issues failed: 500",
    ]);
  });

  it("a sync whose document has an error: exit 1 with the status line", () => {
    const result = {
      sha: "abc",
      status: { state: "failure", description: "docs/x.md:3: duplicate ID" },
      outcomes: [],
    } as unknown as SyncResult;
    const outcome = run([
      routed,
      { type: "sync-finished", repo: "acme/widgets", request: {}, result, durationMs: 1 },
    ]);
    expect(outcome.exitCode).toBe(1);
    expect(outcome.problems).toEqual(["acme/widgets: docs/x.md:3: duplicate ID"]);
  });

  it("a command that failed on an error, and the commands listed: exit 3", () => {
    const outcome = run([
      { ...routed, event: "issue_comment" },
      {
        type: "commands-handled",
        repo: "acme/widgets",
        issue: 4,
        commands: [
          { name: "status", ok: true },
          { name: "resolve", ok: false, error: "Gitea POST failed: 500" },
        ],
      },
      { type: "resolve-suggested", repo: "acme/widgets", issue: 5, findingId: "TD-1" },
    ]);
    expect(outcome).toMatchObject({
      exitCode: 3,
      commands: {
        issue: 4,
        list: [
          { name: "status", ok: true },
          { name: "resolve", ok: false },
        ],
      },
      suggestedResolve: [5],
      problems: ["command failed: Gitea POST failed: 500"],
    });
  });

  it("an invalid payload: exit 2", () => {
    const outcome = run([
      { ...routed, outcome: "ignored", reason: "invalid payload: sender.login: Required" },
    ]);
    expect(outcome.exitCode).toBe(2);
  });
});
