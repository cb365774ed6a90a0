import { describe, expect, it } from "vitest";
import { parseRegister } from "../../../src/core/document/parse-register.js";
import { DEFAULT_ID_PATTERN } from "../../../src/core/document/types.js";
import { blockExtraFields } from "../../../src/core/issue-fields/block-extras.js";
import { checkAgainstRepo } from "../../../src/core/issue-fields/check-against-repo.js";
import { registerIssueFields } from "../../../src/core/issue-fields/register-fields.js";

const REGISTER = `# Register

## A-1: First

- **Risk:** High
- **Owner:** @alice, bob
- **Due:** 2027-03-31
- **Blocked by:** B-2, \`C-3\`, Z-9
- **Milestone:** v2.0
- **Ticket:** OPS-1234

## B-2: Second

- **Risk:** Low
- **Revisit by:** 31/03/2027
- **Depends on:** C-3
- **Responsible:** @carol

## C-3: Third

- **Risk:** Low
- **Assignee:** @dave, x!y
- **Blocked by:** A-1
- **Owner:** @erin
`;

const parsed = parseRegister(REGISTER);

describe("registerIssueFields", () => {
  const { byFinding, diagnostics } = registerIssueFields(parsed.findings, {
    idPattern: DEFAULT_ID_PATTERN,
    aliases: { assignee: ["Responsible"] },
  });

  it("derives assignees, due date, dependencies and milestone from the extra fields", () => {
    expect(byFinding.get("A-1")).toMatchObject({
      assignees: ["alice", "bob"],
      dueDate: "2027-03-31",
      blockedBy: ["B-2", "C-3"],
      milestone: "v2.0",
    });
    expect(byFinding.get("B-2")?.blockedBy).toEqual(["C-3"]);
  });

  it("warns with the line: unknown ID, a cycle, a malformed date, a malformed login", () => {
    const line = (text: string) => REGISTER.split("\n").findIndex((l) => l.includes(text)) + 1;
    expect(diagnostics.map((d) => [d.code, d.findingId, d.line])).toEqual([
      ["unknown-dependency", "A-1", line("**Blocked by:** B-2")],
      ["malformed-date", "B-2", line("31/03/2027")],
      ["malformed-login", "C-3", line("x!y")],
      ["dependency-cycle", "C-3", line("**Blocked by:** A-1")],
    ]);
    expect(diagnostics.find((d) => d.code === "dependency-cycle")?.message).toContain(
      "C-3 → A-1 → C-3",
    );
    // The edge that closes the cycle is not set; the others are.
    expect(byFinding.get("C-3")?.blockedBy).toEqual([]);
  });

  it("uses only the first field of a kind, and a configured alias like a built-in label", () => {
    expect(byFinding.get("C-3")?.assignees).toEqual(["dave"]);
    expect(byFinding.get("B-2")?.assignees).toEqual(["carol"]);
  });

  it("filters what Gitea cannot set against the repository: not assignable, unknown milestone", () => {
    const checked = checkAgainstRepo(byFinding, { assignable: ["Alice"], milestones: ["v1.0"] });
    expect(checked.byFinding.get("A-1")).toMatchObject({ assignees: ["Alice"], milestone: null });
    expect(checked.diagnostics.map((d) => [d.code, d.findingId])).toEqual([
      ["not-assignable", "A-1"],
      ["unknown-milestone", "A-1"],
      ["not-assignable", "B-2"],
      ["not-assignable", "C-3"],
    ]);
    expect(checked.diagnostics[0]?.line).toBe(6);
  });
});

describe("blockExtraFields", () => {
  it("leaves the issue fields out of the extra fields the block shows, and the others in", () => {
    const [first] = parsed.findings;
    if (!first) throw new Error("no finding");
    expect(first.fields.filter((f) => f.key === null).map((f) => f.label)).toEqual([
      "Owner",
      "Due",
      "Blocked by",
      "Milestone",
      "Ticket",
    ]);
    expect(blockExtraFields(first).map((f) => f.label)).toEqual(["Ticket"]);
  });

  it("a register without these labels shows the same extras as before", () => {
    const plain = parseRegister("## A-1: x\n\n- **Ticket:** 1\n- **Risk:** Low\n").findings[0];
    if (!plain) throw new Error("no finding");
    expect(blockExtraFields(plain)).toEqual(plain.fields.filter((f) => f.key === null));
  });
});
