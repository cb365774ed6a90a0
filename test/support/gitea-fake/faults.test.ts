/** The fake's faults (faults.ts): lost answers after applying, failures before, seeded rates, person's edits. */
import { afterEach, describe, expect, test } from "vitest";
import { giteaContract } from "../swagger/gitea-contract.js";
import { seededRandom } from "./faults.js";
import { type GiteaFake, startGiteaFake } from "./index.js";

let fake: GiteaFake | undefined;
afterEach(async () => {
  const f = fake;
  fake = undefined;
  await f?.stop();
  if (f) expect(f.violations).toEqual([]);
});

const R = "/repos/acme/widgets";
const PATCH_ISSUE = "PATCH /repos/{owner}/{repo}/issues/{index}";
const GET_ISSUE = "GET /repos/{owner}/{repo}/issues/{index}";

async function start(): Promise<GiteaFake> {
  fake = await startGiteaFake();
  return fake;
}

/** One request; `network` when the connection broke, `timeout` when no answer came within `ms`. */
async function call(
  f: GiteaFake,
  method: string,
  path: string,
  body?: unknown,
  ms = 2_000,
): Promise<number | "network" | "timeout"> {
  try {
    const response = await fetch(`${f.apiUrl}${path}`, {
      method,
      headers: { authorization: "token deferbot-token", "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(ms),
    });
    await response.text();
    return response.status;
  } catch (error) {
    const cause = error instanceof Error ? error.name : "";
    return cause === "TimeoutError" ? "timeout" : "network";
  }
}

describe("a lost answer after applying", () => {
  test.each([
    [502, 502],
    ["drop", "network"],
    ["hang", "timeout"],
  ] as const)("%s: the PATCH is applied, its answer is %s", async (answer, seen) => {
    const f = await start();
    const issue = f.addIssue("acme/widgets", { title: "t", body: "old", author: "deferbot" });
    f.faultNext({ route: PATCH_ISSUE }, { timing: "after", answer });
    const ms = answer === "hang" ? 300 : 5_000;
    expect(await call(f, "PATCH", `${R}/issues/${issue.number}`, { body: "new" }, ms)).toBe(seen);
    expect(f.issue("acme/widgets", issue.number).body).toBe("new");
    expect(f.requests.at(-1)?.fault).toEqual({ timing: "after", answer });
    expect(await call(f, "PATCH", `${R}/issues/${issue.number}`, { body: "again" })).toBe(201);
  });
});

describe("a failure before applying", () => {
  test.each([
    [503, 503],
    ["drop", "network"],
  ] as const)("%s: nothing is applied", async (answer, seen) => {
    const f = await start();
    const issue = f.addIssue("acme/widgets", { title: "t", body: "old", author: "deferbot" });
    f.faultNext({ method: "PATCH" }, { timing: "before", answer });
    expect(await call(f, "PATCH", `${R}/issues/${issue.number}`, { body: "new" })).toBe(seen);
    expect(f.issue("acme/widgets", issue.number).body).toBe("old");
  });

  test("a comment whose answer was lost after applying is there once", async () => {
    const f = await start();
    const issue = f.addIssue("acme/widgets", { title: "t", author: "deferbot" });
    f.faultNext({ method: "POST", path: /\/comments$/ }, { timing: "after", answer: 500 });
    expect(await call(f, "POST", `${R}/issues/${issue.number}/comments`, { body: "c" })).toBe(500);
    expect(f.state.repo("acme", "widgets")?.comments.map((c) => c.body)).toEqual(["c"]);
  });
});

describe("faults on the dependency routes", () => {
  test("a POST whose answer was lost after applying: the dependency is there once", async () => {
    const f = await start();
    const a = f.addIssue("acme/widgets", { title: "a", author: "deferbot" });
    const b = f.addIssue("acme/widgets", { title: "b", author: "deferbot" });
    f.faultNext(
      { route: "POST /repos/{owner}/{repo}/issues/{index}/dependencies" },
      { timing: "after", answer: "drop" },
    );
    const meta = { owner: "acme", repo: "widgets", index: b.number };
    expect(await call(f, "POST", `${R}/issues/${a.number}/dependencies`, meta)).toBe("network");
    expect(f.issue("acme/widgets", a.number).blockedBy).toEqual([b.number]);
    f.faultNext({ method: "DELETE" }, { timing: "before", answer: 503 });
    expect(await call(f, "DELETE", `${R}/issues/${a.number}/dependencies`, meta)).toBe(503);
    expect(f.issue("acme/widgets", a.number).blockedBy).toEqual([b.number]);
  });
});

describe("seeded rates", () => {
  async function run(seed: number): Promise<string[]> {
    const f = await startGiteaFake();
    try {
      const issue = f.addIssue("acme/widgets", { title: "t", author: "deferbot" });
      f.setFaults({
        seed,
        rules: [
          { route: PATCH_ISSUE, rate: 0.2, answer: 502 },
          { route: PATCH_ISSUE, rate: 0.05, answer: "drop" },
        ],
      });
      for (let i = 0; i < 120; i++)
        await call(f, "PATCH", `${R}/issues/${issue.number}`, { body: `b${i}` });
      await call(f, "GET", "/user");
      expect(f.violations).toEqual([]);
      return f.requests.map((r) => (r.fault ? `${r.seq}:${r.fault.timing}:${r.fault.answer}` : ""));
    } finally {
      await f.stop();
    }
  }

  test("the same seed gives the same faults; another seed others; rates and the applied share hold", async () => {
    const first = await run(7);
    expect(await run(7)).toEqual(first);
    expect(await run(8)).not.toEqual(first);
    const faults = first.filter(Boolean);
    const count = (re: RegExp) => faults.filter((f) => re.test(f)).length;
    // 120 PATCHes at 20% and 5%: inside 4 standard deviations of 24 and 6.
    expect(count(/:502$/)).toBeGreaterThan(6);
    expect(count(/:502$/)).toBeLessThan(42);
    expect(count(/:drop$/)).toBeGreaterThan(0);
    expect(count(/:drop$/)).toBeLessThan(17);
    const applied = count(/:after:/) / faults.length;
    expect(applied).toBeGreaterThan(0.15);
    expect(applied).toBeLessThan(0.85);
    // Only the matching route: the last request (GET /user) never faulted.
    expect(first.at(-1)).toBe("");
  });

  test("seededRandom is the same sequence for the same seed", () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const seq = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(seq);
    expect(seq.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe("a person's edit at a chosen moment", () => {
  test("between the bot's GET of an issue and its PATCH: the PATCH built from the GET overwrites it", async () => {
    const f = await start();
    const issue = f.addIssue("acme/widgets", { title: "t", body: "- [ ] a", author: "deferbot" });
    f.onRequest({
      route: GET_ISSUE,
      when: "answered",
      times: 1,
      edit: ({ store, params }) => {
        const found = store
          .repo(params.owner ?? "", params.repo ?? "")
          ?.issues.find((i) => i.number === Number(params.index));
        if (found) found.body = "- [x] a";
      },
    });
    const response = await fetch(`${f.apiUrl}${R}/issues/${issue.number}`, {
      headers: { authorization: "token deferbot-token" },
    });
    const read = (await response.json()) as { body: string };
    expect(read.body).toBe("- [ ] a");
    expect(f.issue("acme/widgets", issue.number).body).toBe("- [x] a");
    await call(f, "GET", `${R}/issues/${issue.number}`);
    expect(f.issue("acme/widgets", issue.number).body).toBe("- [x] a");
  });

  test("right after a PATCH whose answer is lost", async () => {
    const f = await start();
    const issue = f.addIssue("acme/widgets", { title: "t", body: "old", author: "deferbot" });
    const seen: string[] = [];
    f.onRequest({
      route: PATCH_ISSUE,
      when: "lost",
      edit: ({ store }) => {
        const found = store.repo("acme", "widgets")?.issues.find((i) => i.number === issue.number);
        seen.push(found?.body ?? "");
        if (found) found.body += "\n\nnote by alice";
      },
    });
    expect(await call(f, "PATCH", `${R}/issues/${issue.number}`, { body: "fine" })).toBe(201);
    expect(seen).toEqual([]);
    f.faultNext({ route: PATCH_ISSUE }, { timing: "after", answer: "drop" });
    expect(await call(f, "PATCH", `${R}/issues/${issue.number}`, { body: "new" })).toBe("network");
    expect(seen).toEqual(["new"]);
    expect(f.issue("acme/widgets", issue.number).body).toBe("new\n\nnote by alice");
  });

  test.runIf(giteaContract() !== null)(
    "faulted requests are still checked against the swagger",
    async () => {
      const f = await start();
      expect(f.validating).toBe(true);
      f.setFaults({ seed: 1, rules: [{ rate: 1, answer: 502 }] });
      expect(await call(f, "PATCH", `${R}/issues/1`, { nonsense: true })).toBe(400);
      expect(f.violations.length).toBeGreaterThan(0);
      f.violations.length = 0;
    },
  );
});
