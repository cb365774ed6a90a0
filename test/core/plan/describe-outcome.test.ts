/** The status line and the CLI's failure report, also when posting the status itself failed. */
import { describe, expect, it } from "vitest";
import {
  describeOutcome,
  failureReport,
  type SyncOutcomeInput,
} from "../../../src/core/plan/describe-outcome.js";
import { planSync } from "../../../src/core/plan/plan-sync.js";
import { MS_MED_006, MS_MED_008, seedContext } from "../../fixtures/issue/seed-findings.js";

const plan = planSync({
  findings: [MS_MED_006, MS_MED_008],
  diagnostics: [],
  documentFound: true,
  tracked: [],
  ctx: seedContext(),
  allowCloseAll: false,
});
const input = (patch: Partial<SyncOutcomeInput>): SyncOutcomeInput => ({
  plan,
  failures: [],
  configErrors: [],
  configPath: null,
  documentPath: "docs/deferred-errors.md",
  ...patch,
});
const failures = ["create MS-MED-006: 502 Bad Gateway", "create MS-MED-008: socket hang up"];

describe("describeOutcome", () => {
  it("names every failed write, not only the first", () => {
    const line = describeOutcome(input({ failures }));
    expect(line.state).toBe("error");
    expect(line.description).toContain("502 Bad Gateway");
    expect(line.description).toContain("socket hang up");
  });

  it("when the status post failed too, says so and still names the failed writes", () => {
    const line = describeOutcome(input({ failures, statusFailure: "500 Internal Server Error" }));
    expect(line.state).toBe("error");
    expect(line.description).toMatch(
      /^could not post the commit status \(500 Internal Server Error\); 2 of 2 writes failed too/,
    );
    expect(failureReport(input({ failures, statusFailure: "500 Internal Server Error" }))).toEqual([
      ...failures,
      "commit status: 500 Internal Server Error",
    ]);
  });

  it("when only the status post failed, says what it would have said", () => {
    const line = describeOutcome(input({ statusFailure: "timeout" }));
    expect(line.description).toBe(
      "could not post the commit status (timeout); it would have said: 2 created, 0 updated, 0 closed, 0 unchanged",
    );
    expect(failureReport(input({}))).toEqual([]);
  });
});
