/** The shared seed register, parsed by the register parser and rendered: the same issues as the hand-built seed. */
import { describe, expect, it } from "vitest";
import { parseRegister } from "../../../src/core/document/parse-register.js";
import { parseIssueBody } from "../../../src/core/issue/parse-issue-body.js";
import { renderNewIssue } from "../../../src/core/issue/render-issue.js";
import { SEED_FINDINGS, seedContext } from "../../fixtures/issue/seed-findings.js";
import { readShared } from "../../support/shared.js";

const seed = readShared("examples/deferred-errors.md", "render the parsed shared seed register");

describe.skipIf(seed === null)("rendering the parsed seed register", () => {
  it("renders each parsed finding as the hand-built seed finding renders (state line aside)", () => {
    const { findings, diagnostics } = parseRegister(seed ?? "");
    expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(findings.map((f) => f.id)).toEqual(SEED_FINDINGS.map((f) => f.id));
    const withoutState = (body: string) => body.replace(/<!-- deferbot:state \S+ -->/, "");
    findings.forEach((finding, index) => {
      const parsed = renderNewIssue(finding, seedContext());
      const built = renderNewIssue(SEED_FINDINGS[index] ?? finding, seedContext());
      expect({ ...parsed, body: withoutState(parsed.body) }).toEqual({
        ...built,
        body: withoutState(built.body),
      });
      const back = parseIssueBody(parsed.body);
      expect(back.status).toBe("ok");
      expect(back.state?.hash).toBe(finding.hash);
      expect(back.steps.map((s) => s.text)).toEqual(finding.steps.map((s) => s.text));
    });
  });
});
