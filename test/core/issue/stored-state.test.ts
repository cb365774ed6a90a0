/**
 * storedState against the zod schema it replaced (kept here as the oracle): every value the
 * schema accepts is accepted with the same output, every value it refuses is refused.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { storedState } from "../../../src/core/issue/stored-state.js";

const closeRecordSchema = z.object({
  reason: z.enum(["removed", "ignored", "twin"]),
  sha: z.string().optional(),
  twinOf: z.number().int().optional(),
});

const botStateSchema = z.object({
  v: z.number().int(),
  id: z.string().optional(),
  hash: z.string(),
  sha: z.string(),
  title: z.string(),
  labels: z.array(z.string()),
  closed: closeRecordSchema.nullable(),
  allTickedNotice: z.boolean(),
  fields: z.record(z.string(), z.string()).optional(),
  changedOn: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  fieldsSet: z
    .object({
      assignees: z.array(z.string()).optional(),
      dueDate: z.string().nullable().optional(),
      milestone: z.string().nullable().optional(),
      dependencies: z.array(z.number().int()).optional(),
    })
    .optional(),
});

function oracle(json: unknown): unknown {
  const parsed = botStateSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

/** Any JSON value, and values near each field's type (wrong types, edges), so both sides are tried. */
const near = fc.oneof(
  fc.string(),
  fc.constantFrom("removed", "ignored", "twin", "2026-12-02", "2026-1-2", "", "x"),
  fc.integer(),
  fc.constantFrom(1.5, -0, 2 ** 53, -(2 ** 53), Number.MAX_SAFE_INTEGER, 1e300),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.oneof(fc.string(), fc.integer(), fc.constant(null)), { maxLength: 3 }),
  fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.integer()), { maxKeys: 3 }),
  fc.jsonValue({ maxDepth: 2 }),
);

const good = {
  v: fc.integer({ min: 1, max: 3 }),
  id: fc.string(),
  hash: fc.string(),
  sha: fc.string(),
  title: fc.string(),
  labels: fc.array(fc.string(), { maxLength: 3 }),
  closed: fc.option(
    fc.record(
      {
        reason: fc.constantFrom("removed", "ignored", "twin"),
        sha: fc.string(),
        twinOf: fc.integer(),
        extra: near,
      },
      { requiredKeys: ["reason"] },
    ),
  ),
  allTickedNotice: fc.boolean(),
  fields: fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }),
  changedOn: fc.constantFrom("2026-12-02", "1999-01-31"),
  fieldsSet: fc.record(
    {
      assignees: fc.array(fc.string(), { maxLength: 2 }),
      dueDate: fc.option(fc.constantFrom("2026-12-31", "soon")),
      milestone: fc.option(fc.string()),
      dependencies: fc.array(fc.integer(), { maxLength: 2 }),
      extra: near,
    },
    { requiredKeys: [] },
  ),
};
const KEYS = Object.keys(good) as (keyof typeof good)[];

/** A well-formed state, then up to three of its keys (or an unknown one) set to something near. */
const stateLike = fc
  .tuple(
    fc.record(good, {
      requiredKeys: ["v", "hash", "sha", "title", "labels", "closed", "allTickedNotice"],
    }),
    fc.array(fc.tuple(fc.constantFrom<string>(...KEYS, "unknown", "__extra"), near), {
      maxLength: 3,
    }),
    fc.array(fc.constantFrom(...KEYS), { maxLength: 2 }),
  )
  .map(([state, replaced, removed]) => {
    const value: Record<string, unknown> = { ...state };
    for (const [key, replacement] of replaced) value[key] = replacement;
    for (const key of removed) delete value[key];
    return value;
  });

describe("storedState", () => {
  it("accepts and returns what the zod schema does, for states and their near misses", () => {
    fc.assert(
      fc.property(stateLike, (json) => {
        expect(storedState(json)).toEqual(oracle(json));
      }),
      { numRuns: 3000 },
    );
  });

  it("refuses what is not an object, as the schema does", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (json) => {
        expect(storedState(json)).toEqual(oracle(json));
      }),
      { numRuns: 500 },
    );
  });

  it("drops unknown keys at every level and keeps the rest", () => {
    const json = {
      v: 2,
      id: "SEC-1",
      hash: "h",
      sha: "s",
      title: "SEC-1: t",
      labels: ["a"],
      closed: { reason: "twin", twinOf: 4, note: "x" },
      allTickedNotice: false,
      fieldsSet: { assignees: ["ann"], dueDate: null, later: 1 },
      newer: true,
    };
    expect(storedState(json)).toEqual({
      v: 2,
      id: "SEC-1",
      hash: "h",
      sha: "s",
      title: "SEC-1: t",
      labels: ["a"],
      closed: { reason: "twin", twinOf: 4 },
      allTickedNotice: false,
      fieldsSet: { assignees: ["ann"], dueDate: null },
    });
    expect(storedState({ ...json, v: 2.5 })).toBeNull();
    expect(storedState({ ...json, changedOn: "2026-12-2" })).toBeNull();
    expect(storedState({ ...json, closed: { reason: "gone" } })).toBeNull();
  });

  it("drops a __proto__ key of the fields, as zod does (a forged line cannot carry it on)", () => {
    // The counterexample fast-check found on seed -2060353309.
    const json = JSON.parse(
      '{"v":1,"hash":"","sha":"","title":"","labels":[],"closed":null,"allTickedNotice":false,"fields":{"__proto__":"","Owner":"ann"}}',
    ) as unknown;
    const state = storedState(json);
    expect(state).toEqual(oracle(json));
    expect(Object.keys(state?.fields ?? {})).toEqual(["Owner"]);
    expect(Object.getPrototypeOf(state?.fields)).toBe(Object.prototype);
  });
});
