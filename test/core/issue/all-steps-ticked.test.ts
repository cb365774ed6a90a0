import { describe, expect, it } from "vitest";
import { allStepsTicked } from "../../../src/core/issue/all-steps-ticked.js";
import { parseIssueBody } from "../../../src/core/issue/parse-issue-body.js";
import { renderNewIssue } from "../../../src/core/issue/render-issue.js";
import { tick } from "../../fixtures/issue/issue-helpers.js";
import { MS_MED_008, seedContext } from "../../fixtures/issue/seed-findings.js";

const body = renderNewIssue(MS_MED_008, seedContext()).body;

describe("allStepsTicked", () => {
  it("is true only when every step is ticked", () => {
    const three = tick(tick(tick(body, 0), 1), 2);
    expect(allStepsTicked(parseIssueBody(three))).toBe(false);
    expect(allStepsTicked(parseIssueBody(tick(three, 3)))).toBe(true);
  });

  it("is false for a block without steps", () => {
    expect(allStepsTicked(parseIssueBody("no block"))).toBe(false);
  });
});
