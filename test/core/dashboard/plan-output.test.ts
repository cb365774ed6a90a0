/** `deferbot plan` and `plan --json` show the issue fields and the dashboard (SPEC §8). */
import { expect, it } from "vitest";
import { runPlan } from "../../../src/cli/commands/plan.js";

const REGISTER =
  "## A-1: First\n\n- **Risk:** High\n- **Owner:** @alice\n- **Due:** 2027-03-31\n- **Blocked by:** B-2\n- **Milestone:** v2.0\n\n## B-2: Second\n\n- **Risk:** Low\n- **Due:** soon\n";

async function plan(json: boolean): Promise<string> {
  let out = "";
  await runPlan(
    "reg.md",
    { json },
    {
      stdout: (text) => {
        out += text;
      },
      stderr: () => {},
      readFile: async () => new TextEncoder().encode(REGISTER),
    },
  );
  return out;
}

it("plan --json carries the fields, the dashboard and the field warnings", async () => {
  const report = JSON.parse(await plan(true));
  expect(report.findings[0].issue).toMatchObject({
    assignees: ["alice"],
    dueDate: "2027-03-31",
    blockedBy: ["B-2"],
    milestone: "v2.0",
  });
  expect(report.dashboard).toEqual({
    title: "Deferred findings dashboard",
    rows: 2,
    maxRows: 1000,
  });
  expect(report.diagnostics.map((d: { code: string }) => d.code)).toContain("malformed-date");
});

it("plan prints the fields and the dashboard", async () => {
  const text = await plan(false);
  expect(text).toContain(
    "  assignees:  alice\n  due date:   2027-03-31\n  blocked by: B-2\n  milestone:  v2.0",
  );
  expect(text).toContain(
    'Dashboard: "Deferred findings dashboard", pinned, 2 findings (at most 1000 rows)',
  );
  expect(text).toMatch(/reg\.md:12:1 warning malformed-date /);
});
