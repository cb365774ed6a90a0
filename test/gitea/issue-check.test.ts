/**
 * The hand check of issues is `issueSchema`'s equal: on JSON answers in and around Gitea's issue
 * shape it accepts exactly what the schema accepts, with the same result; on any other value it
 * accepts nothing the schema refuses. The listing and reads of issues take it, and an answer it
 * refuses still fails with the schema's message.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { giteaClient } from "../../src/gitea/client.js";
import { GiteaError } from "../../src/gitea/errors.js";
import { checkIssue, checkIssues } from "../../src/gitea/issue-check.js";
import { getIssue, listTrackedIssues } from "../../src/gitea/issues.js";
import { issueSchema } from "../../src/gitea/schema.js";
import { useGiteaFake } from "../support/gitea-fake/vitest.js";

const user = fc.record(
  { id: fc.integer(), login: fc.string(), avatar_url: fc.string() },
  { requiredKeys: ["id", "login"] },
);
const label = fc.record(
  { id: fc.integer(), name: fc.string(), color: fc.string(), exclusive: fc.boolean() },
  { requiredKeys: ["id", "name", "color"] },
);
const orNull = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: null });

/** An issue as Gitea answers it; the optional keys may be missing. */
const issue = fc.record(
  {
    id: fc.integer(),
    number: fc.nat(),
    title: fc.string(),
    body: orNull(fc.string()),
    state: fc.constantFrom("open", "closed"),
    labels: orNull(fc.array(label, { maxLength: 3 })),
    user,
    html_url: fc.string(),
    created_at: fc.string(),
    comments: fc.nat(),
    pull_request: orNull(fc.record({ merged: fc.boolean() })),
    assignees: orNull(fc.array(user, { maxLength: 2 })),
    milestone: orNull(fc.record({ id: fc.integer(), title: fc.string(), state: fc.string() })),
    due_date: orNull(fc.string()),
    pin_order: fc.nat(),
    repository: orNull(fc.record({ id: fc.integer(), full_name: fc.string() })),
    is_locked: fc.boolean(),
  },
  {
    requiredKeys: ["id", "number", "title", "body", "state", "labels", "user"],
  },
);

const PATHS = [
  "id",
  "number",
  "title",
  "body",
  "state",
  "labels",
  "labels.0",
  "labels.0.id",
  "labels.0.name",
  "labels.0.color",
  "labels.0.exclusive",
  "user",
  "user.id",
  "user.login",
  "html_url",
  "created_at",
  "comments",
  "pull_request",
  "assignees",
  "assignees.0",
  "assignees.0.login",
  "milestone",
  "milestone.id",
  "milestone.title",
  "due_date",
  "pin_order",
  "repository",
  "repository.full_name",
] as const;

const REMOVE = Symbol("remove");

/** Sets (or removes) the value at a dotted path of a JSON-like value, where the path exists. */
function setPath(value: unknown, path: string, replacement: unknown): void {
  const keys = path.split(".");
  let at = value as Record<string, unknown> | null;
  for (const key of keys.slice(0, -1)) {
    const next = at?.[key];
    if (typeof next !== "object" || next === null) return;
    at = next as Record<string, unknown>;
  }
  const last = keys[keys.length - 1] as string;
  if (at === null || typeof at !== "object") return;
  if (replacement === REMOVE) delete at[last];
  else at[last] = replacement;
}

/** A valid issue with a few values replaced by others, removed, or left as they are. */
function aroundTheShape(replacements: fc.Arbitrary<unknown>) {
  return fc
    .tuple(
      issue,
      fc.array(fc.tuple(fc.constantFrom(...PATHS), fc.oneof(replacements, fc.constant(REMOVE))), {
        maxLength: 3,
      }),
    )
    .map(([value, changes]) => {
      const changed = structuredClone(value);
      for (const [path, replacement] of changes) setPath(changed, path, replacement);
      return changed;
    });
}

const jsonValues = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom("open", "closed", "", 0, -1, 1.5, true, null, [], {}),
);

function schemaAnswer(value: unknown) {
  const parsed = issueSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

describe("checkIssue", () => {
  it("accepts exactly the JSON answers issueSchema accepts, with the same result", () => {
    let accepted = 0;
    let refused = 0;
    fc.assert(
      fc.property(aroundTheShape(jsonValues), (value) => {
        const json: unknown = JSON.parse(JSON.stringify(value));
        const expected = schemaAnswer(json);
        const checked = checkIssue(json);
        expect(checked).toStrictEqual(expected);
        if (checked === undefined) refused++;
        else accepted++;
      }),
      { numRuns: 3000 },
    );
    // Both ways are exercised, not only one.
    expect(accepted).toBeGreaterThan(300);
    expect(refused).toBeGreaterThan(300);
  });

  it("accepts no other value the schema refuses (undefined, NaN, Infinity, arrays for objects)", () => {
    const others = fc.oneof(
      jsonValues,
      fc.constantFrom(undefined, Number.NaN, Number.POSITIVE_INFINITY, [{ id: 1 }], new Date(0)),
    );
    fc.assert(
      fc.property(aroundTheShape(others), (value) => {
        const checked = checkIssue(value);
        if (checked !== undefined) expect(checked).toStrictEqual(schemaAnswer(value));
      }),
      { numRuns: 3000 },
    );
  });

  it("takes a page whole or not at all", () => {
    const good = { ...sampleIssue(), labels: [] };
    expect(checkIssues([good, good])).toHaveLength(2);
    expect(checkIssues([good, { ...good, state: "merged" }])).toBeUndefined();
    expect(checkIssues({ 0: good })).toBeUndefined();
  });
});

function sampleIssue() {
  return {
    id: 7,
    number: 3,
    title: "TD-001: something",
    body: "text",
    state: "open",
    labels: null,
    user: { id: 1, login: "deferbot" },
    html_url: "http://gitea.test/acme/widgets/issues/3",
    created_at: "2026-01-01T00:00:00Z",
  };
}

describe("the Gitea fake's issues", () => {
  const gitea = useGiteaFake();

  it("the fake's issues are taken by the check as the schema takes them", async () => {
    const fake = gitea.fake;
    fake.addLabel("acme/widgets", { name: "deferred" });
    fake.addIssue("acme/widgets", { title: "F-1", author: "deferbot", labels: ["deferred"] });
    fake.addIssue("acme/widgets", { title: "F-2", author: "deferbot", state: "closed" });
    const response = await fetch(`${fake.apiUrl}/repos/acme/widgets/issues?state=all`, {
      headers: { authorization: "token deferbot-token" },
    });
    const page: unknown = await response.json();
    const checked = checkIssues(page);
    expect(checked).toHaveLength(2);
    expect(checked).toStrictEqual(schemaPage(page));
  });
});

describe("answers the check refuses", () => {
  /** An Octokit that answers every request with `data`, as Octokit hands back a parsed body. */
  const answering = (data: unknown) =>
    giteaClient(
      { request: async () => ({ status: 200, headers: { "x-total-count": "1" }, data }) },
      "acme",
      "widgets",
    );

  it("a listing with an issue the check refuses fails with the schema's message", async () => {
    const listing = listTrackedIssues(answering([{ ...sampleIssue(), state: "merged" }]), "x");
    await expect(listing).rejects.toBeInstanceOf(GiteaError);
    await expect(listing).rejects.toThrow(/unexpected response \(0\.state: /);
  });

  it("a read of an issue the check refuses fails with the schema's message", async () => {
    const read = getIssue(answering({ ...sampleIssue(), user: { login: "deferbot" } }), 3);
    await expect(read).rejects.toThrow(/unexpected response \(user\.id: /);
  });

  it("an issue both accept reads the same through either", async () => {
    const value = { ...sampleIssue(), milestone: { id: 2, title: "Q3" }, pin_order: 1 };
    expect(await getIssue(answering(value), 3)).toStrictEqual(issueSchema.parse(value));
  });
});

function schemaPage(page: unknown) {
  if (!Array.isArray(page)) throw new Error("not a page");
  return page.map((item) => issueSchema.parse(item));
}
