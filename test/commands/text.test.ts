/** The replies' and the plan's untrusted text follow the configuration's `references` and `mentions` (SPEC §3.2, §6). */
import { describe, expect, it } from "vitest";
import { buildPlanReport } from "../../src/cli/plan-report.js";
import type { CommandContext } from "../../src/commands/context.js";
import { untrusted } from "../../src/commands/text.js";
import { DEFAULT_CONFIG } from "../../src/core/config/repo-config.js";
import { parseRegister } from "../../src/core/document/parse-register.js";
import { findingSpec, renderRegister } from "../support/register.js";

const ctxWith = (references: boolean) =>
  ({ config: { ...DEFAULT_CONFIG, references } }) as unknown as CommandContext;

describe("untrusted text in replies", () => {
  it("keeps #12 live with references: true, inert by default", () => {
    expect(untrusted(ctxWith(true), "see #12")).toBe("see #12");
    expect(untrusted(ctxWith(false), "see #12")).not.toContain("#12");
  });
});

describe("the plan's titles", () => {
  it("keep #12 live with references: true", () => {
    const result = parseRegister(renderRegister([findingSpec(1, { title: "Fix #12 first" })]));
    const title = (references: boolean) =>
      buildPlanReport("r.md", result, { ...DEFAULT_CONFIG, references }).findings[0]?.issue.title;
    expect(title(true)).toBe("TD-001: Fix #12 first");
    expect(title(false)).not.toContain("#12");
  });
});
