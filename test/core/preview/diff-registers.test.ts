import { describe, expect, it } from "vitest";
import { diffRegisters } from "../../../src/core/preview/diff-registers.js";
import {
  EXAMPLE_REGISTER,
  edit,
  parse,
  withNewFinding,
  withoutSection,
} from "../../fixtures/preview/scenario.js";

const base = parse(EXAMPLE_REGISTER);

describe("diffRegisters", () => {
  it("lists an added finding", () => {
    const changes = diffRegisters(base, parse(withNewFinding(EXAMPLE_REGISTER)));
    expect(changes.map((c) => [c.kind, c.id])).toEqual([["added", "API-SEC-022"]]);
  });

  it("lists a removed finding", () => {
    const changes = diffRegisters(base, parse(withoutSection(EXAMPLE_REGISTER, "DB-MIG-021")));
    expect(changes.map((c) => [c.kind, c.id])).toEqual([["removed", "DB-MIG-021"]]);
  });

  it("names the fields that changed, old → new", () => {
    const head = edit(
      EXAMPLE_REGISTER,
      "- **Risk:** Low — A second-long lock",
      "- **Risk:** High — A second-long lock",
    );
    const [change] = diffRegisters(base, parse(head));
    expect(change?.kind).toBe("changed");
    if (change?.kind !== "changed") return;
    expect(change.id).toBe("DB-MIG-021");
    expect(change.fields).toEqual([{ label: "Risk", from: "Low", to: "High", kind: "changed" }]);
    expect(change.steps).toEqual({ added: [], removed: [], reworded: [] });
  });

  it("pairs steps with the checklist merge's rules: reworded, added, removed", () => {
    let head = edit(
      EXAMPLE_REGISTER,
      "  2. Backfill in batches of 5,000 rows",
      "  2. Backfill in batches of 2,000 rows",
    );
    head = edit(
      head,
      "  3. Add the `NOT NULL` constraint as `NOT VALID`, then validate it",
      "  3. Drop the old default on the column",
    );
    const [change] = diffRegisters(base, parse(head));
    if (change?.kind !== "changed") throw new Error("expected a changed finding");
    expect(change.steps).toEqual({
      added: ["Drop the old default on the column"],
      removed: ["Add the `NOT NULL` constraint as `NOT VALID`, then validate it"],
      reworded: [
        { from: "Backfill in batches of 5,000 rows", to: "Backfill in batches of 2,000 rows" },
      ],
    });
  });

  it("does not list a finding that only moved, or text outside findings", () => {
    const moved = `${withoutSection(EXAMPLE_REGISTER, "API-SEC-014").trimEnd()}\n\n---\n\n${EXAMPLE_REGISTER.slice(
      EXAMPLE_REGISTER.indexOf("## API-SEC-014:"),
      EXAMPLE_REGISTER.indexOf("\n---\n", EXAMPLE_REGISTER.indexOf("## API-SEC-014:")),
    )}\n`;
    expect(parse(moved).findings.map((f) => f.id)).toContain("API-SEC-014");
    expect(parse(moved).findings[0]?.id).not.toBe("API-SEC-014");
    expect(diffRegisters(base, parse(moved))).toEqual([]);
    const intro = edit(EXAMPLE_REGISTER, "Findings from the Q3", "Findings from the third-quarter");
    expect(diffRegisters(base, parse(intro))).toEqual([]);
  });

  it("compares the first of two findings with the same ID, as the sync does", () => {
    const duplicated = `${EXAMPLE_REGISTER.trimEnd()}\n\n---\n\n## DB-MIG-021: Something else\n\n- **Error:** other\n`;
    expect(diffRegisters(base, parse(duplicated))).toEqual([]);
  });
});
