import { describe, expect, it } from "vitest";
import {
  decideDependencies,
  decideFieldEdits,
  dependenciesToRemoveBeforeClose,
  needsDependencyRead,
} from "../../../src/core/issue-fields/decide-edits.js";

const WANTED = { assignees: ["alice"], dueDate: "2027-03-31", milestone: "v2.0" };
const EMPTY = { assignees: [], dueDate: null, milestone: null };

describe("decideFieldEdits", () => {
  it("first sync of a register that writes the labels: sets every field and records it", () => {
    const decision = decideFieldEdits({
      wanted: WANTED,
      current: EMPTY,
      setByBot: null,
      refresh: false,
    });
    expect(decision.edits).toEqual(WANTED);
    expect(decision.record).toEqual(WANTED);
  });

  it("a no-op: nothing to write", () => {
    const decision = decideFieldEdits({
      wanted: WANTED,
      current: WANTED,
      setByBot: WANTED,
      refresh: false,
    });
    expect(decision.edits).toEqual({});
    expect(decision.record).toEqual(WANTED);
  });

  it("a register without the labels writes nothing and records nothing", () => {
    const decision = decideFieldEdits({
      wanted: EMPTY,
      current: EMPTY,
      setByBot: null,
      refresh: false,
    });
    expect(decision).toEqual({ edits: {}, record: {}, keptByPeople: [] });
  });

  it("a person changed the assignee: left alone, the record keeps what the bot set", () => {
    const current = { ...WANTED, assignees: ["bob"] };
    const decision = decideFieldEdits({
      wanted: WANTED,
      current,
      setByBot: WANTED,
      refresh: false,
    });
    expect(decision.edits).toEqual({});
    expect(decision.keptByPeople).toEqual(["assignees"]);
    expect(decision.record.assignees).toEqual(["alice"]);
    // The document then names someone else: still the person's choice.
    const next = decideFieldEdits({
      wanted: { ...WANTED, assignees: ["carol"] },
      current,
      setByBot: decision.record,
      refresh: false,
    });
    expect(next.edits).toEqual({});
  });

  it("refresh leaves alone a kind the document does not name and the bot never set", () => {
    const current = { assignees: ["bob"], dueDate: "2027-01-01", milestone: "v1" };
    const decision = decideFieldEdits({ wanted: EMPTY, current, setByBot: null, refresh: true });
    expect(decision.edits).toEqual({});
  });

  it("refresh restores the document's value over a person's change", () => {
    const current = { ...WANTED, assignees: ["bob"], dueDate: null };
    const decision = decideFieldEdits({ wanted: WANTED, current, setByBot: WANTED, refresh: true });
    expect(decision.edits).toEqual({ assignees: ["alice"], dueDate: "2027-03-31" });
    expect(decision.keptByPeople).toEqual([]);
  });

  it("the document changes a value the bot set and no one touched: it is written", () => {
    const decision = decideFieldEdits({
      wanted: { ...WANTED, dueDate: "2027-06-30" },
      current: WANTED,
      setByBot: WANTED,
      refresh: false,
    });
    expect(decision.edits).toEqual({ dueDate: "2027-06-30" });
  });

  it("the document drops a value the bot set: it is cleared; one a person set before the bot never is", () => {
    const cleared = decideFieldEdits({
      wanted: EMPTY,
      current: WANTED,
      setByBot: WANTED,
      refresh: false,
    });
    expect(cleared.edits).toEqual({ assignees: [], dueDate: null, milestone: null });
    const persons = decideFieldEdits({
      wanted: WANTED,
      current: { ...EMPTY, milestone: "v1.0" },
      setByBot: null,
      refresh: false,
    });
    expect(persons.edits).toEqual({ assignees: ["alice"], dueDate: "2027-03-31" });
    expect(persons.keptByPeople).toEqual(["milestone"]);
  });

  it("compares logins and milestones without case", () => {
    const decision = decideFieldEdits({
      wanted: WANTED,
      current: { ...WANTED, assignees: ["Alice"], milestone: "V2.0" },
      setByBot: WANTED,
      refresh: false,
    });
    expect(decision.edits).toEqual({});
  });
});

describe("dependencies", () => {
  it("are read only when Blocked by changed since the bot set them, or on refresh", () => {
    expect(needsDependencyRead([3, 4], { dependencies: [4, 3] }, false)).toBe(false);
    expect(needsDependencyRead([3], { dependencies: [3, 4] }, false)).toBe(true);
    expect(needsDependencyRead([], null, false)).toBe(false);
    expect(needsDependencyRead([], null, true)).toBe(true);
  });

  it("adds what the document asks, removes only what the bot added, never a person's", () => {
    const decision = decideDependencies({
      wanted: [3, 5],
      current: [4, 7],
      setByBot: { dependencies: [4] },
      refresh: false,
    });
    expect(decision).toEqual({ add: [3, 5], remove: [4], record: [3, 5] });
  });

  it("one the bot added and a person removed is not added back, except by refresh", () => {
    const input = { wanted: [3], current: [], setByBot: { dependencies: [3] } };
    expect(decideDependencies({ ...input, refresh: false })).toEqual({
      add: [],
      remove: [],
      record: [3],
    });
    expect(decideDependencies({ ...input, refresh: true }).add).toEqual([3]);
  });

  it("before a close, the bot removes the dependencies it set", () => {
    expect(dependenciesToRemoveBeforeClose({ dependencies: [3, 4] }, [4, 9])).toEqual([4]);
    expect(dependenciesToRemoveBeforeClose({ dependencies: [3, 4] })).toEqual([3, 4]);
    expect(dependenciesToRemoveBeforeClose(null)).toEqual([]);
  });
});
