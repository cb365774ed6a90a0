/**
 * A big register's issue fields are resolved in tasks of FINDINGS_PER_TASK findings, so the
 * server answers webhooks between them (SPEC §4), with the same result as in one go; a register
 * of up to that many findings takes no extra turn of the event loop.
 */
import { describe, expect, it } from "vitest";
import { parseRegister } from "../../src/core/document/parse-register.js";
import type { Finding } from "../../src/core/document/types.js";
import { checkAgainstRepo } from "../../src/core/issue-fields/check-against-repo.js";
import { registerIssueFields } from "../../src/core/issue-fields/register-fields.js";
import { FINDINGS_PER_TASK, resolveIssueFields } from "../../src/sync/issue-fields.js";
import { findingSpec, renderFinding } from "../support/register.js";

const CONFIG = { idPattern: "^[A-Z]+-\\d+$", fieldAliases: {} };
const NO_READS = {
  listAssignees: () => Promise.reject(new Error("no finding names an owner")),
  listMilestones: () => Promise.reject(new Error("no finding names a milestone")),
};

/** `count` findings; with `blocked`, some `Blocked by` lines, one pair closing a cycle. */
function findings(count: number, blocked: Record<number, number> = {}): Finding[] {
  const id = (n: number) => findingSpec(n).id;
  const sections = Array.from({ length: count }, (_, i) => {
    const n = i + 1;
    const by = blocked[n];
    return [renderFinding(findingSpec(n)), ...(by ? [`- **Blocked by:** ${id(by)}`] : [])].join(
      "\n",
    );
  });
  return parseRegister(`# Deferred Errors\n\n---\n\n${sections.join("\n\n---\n\n")}\n`).findings;
}

/** Turns of the event loop taken while `work` runs. */
async function turnsDuring(work: () => Promise<unknown>): Promise<number> {
  let turns = 0;
  let counting = true;
  const count = () => {
    if (!counting) return;
    turns++;
    setImmediate(count);
  };
  setImmediate(count);
  await work();
  counting = false;
  return turns;
}

describe("resolveIssueFields on a big register", () => {
  const big = findings(FINDINGS_PER_TASK * 2 + 500, { 3: 2400, 2400: 3, 10: 9, 2200: 1500 });

  it("turns the event loop between slices of findings and before the repository check", async () => {
    expect(
      await turnsDuring(() => resolveIssueFields(NO_READS, big, CONFIG)),
    ).toBeGreaterThanOrEqual(3);
  });

  it("gives what one pass gives, a cycle across slices included", async () => {
    const resolved = await resolveIssueFields(NO_READS, big, CONFIG);
    const once = registerIssueFields(big, { idPattern: CONFIG.idPattern, aliases: {} });
    const checked = checkAgainstRepo(once.byFinding, { assignable: [], milestones: null });
    expect(resolved.byFinding).toEqual(checked.byFinding);
    expect(resolved.diagnostics).toEqual(
      [...once.diagnostics, ...checked.diagnostics].sort((a, b) => a.line - b.line),
    );
    expect(resolved.diagnostics.map((d) => d.code)).toContain("dependency-cycle");
    expect(resolved.byFinding.get(findingSpec(2200).id)?.blockedBy).toEqual([findingSpec(1500).id]);
  });

  it("takes no extra turn for a register of up to that many findings", async () => {
    const small = findings(200, { 5: 4 });
    expect(await turnsDuring(() => resolveIssueFields(NO_READS, small, CONFIG))).toBe(0);
  });
});
