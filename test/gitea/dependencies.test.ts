/**
 * Issue dependencies through the port, on the fake: add, list, remove (each idempotent, as the
 * port promises over Gitea's 500s), a lost answer, and the close Gitea refuses with 412.
 */
import { expect, test } from "vitest";
import { GiteaError } from "../../src/gitea/errors.js";
import { useGiteaFake } from "../support/gitea-fake/vitest.js";
import { forgeFor } from "./helpers.js";

const gitea = useGiteaFake();
const REPO = "acme/widgets";
const DEPENDENCIES = "/repos/{owner}/{repo}/issues/{index}/dependencies";

const forge = () => forgeFor(gitea.fake, REPO);

function issues(...titles: string[]): number[] {
  return titles.map((title) => gitea.fake.addIssue(REPO, { title, author: "deferbot" }).number);
}

test("add, list, remove: one request each, IssueMeta in the body", async () => {
  const f = forge();
  const [a = 0, b = 0, c = 0] = issues("a", "b", "c");
  gitea.fake.resetRequests();
  await f.addDependency(a, b);
  await f.addDependency(a, c);
  expect(gitea.fake.requests.map((r) => [r.route, r.status, r.body])).toEqual([
    [`POST ${DEPENDENCIES}`, 201, { owner: "acme", repo: "widgets", index: b }],
    [`POST ${DEPENDENCIES}`, 201, { owner: "acme", repo: "widgets", index: c }],
  ]);
  gitea.fake.resetRequests();
  expect(await f.listDependencies(a)).toEqual([b, c]);
  expect(await f.listDependencies(b)).toEqual([]);
  expect(gitea.fake.requests).toHaveLength(2);
  gitea.fake.resetRequests();
  await f.removeDependency(a, b);
  expect(gitea.fake.requests.map((r) => [r.route, r.status])).toEqual([
    [`DELETE ${DEPENDENCIES}`, 201],
  ]);
  expect(await f.listDependencies(a)).toEqual([c]);
});

test("an add already there and a removal already gone are no error (Gitea answers 500)", async () => {
  const f = forge();
  const [a = 0, b = 0] = issues("a", "b");
  await f.addDependency(a, b);
  gitea.fake.resetRequests();
  await f.addDependency(a, b);
  expect(gitea.fake.requests.map((r) => `${r.method} ${r.status}`)).toEqual([
    "POST 500",
    "GET 200",
  ]);
  expect(await f.listDependencies(a)).toEqual([b]);
  await f.removeDependency(a, b);
  gitea.fake.resetRequests();
  await f.removeDependency(a, b);
  expect(gitea.fake.requests.map((r) => `${r.method} ${r.status}`)).toEqual([
    "DELETE 500",
    "GET 200",
  ]);
  expect(await f.listDependencies(a)).toEqual([]);
});

test("an add whose answer was lost after it was applied is not resent", async () => {
  const f = forge();
  const [a = 0, b = 0] = issues("a", "b");
  gitea.fake.faultNext({ route: `POST ${DEPENDENCIES}` }, { timing: "after", answer: "drop" });
  await f.addDependency(a, b);
  expect(gitea.fake.count({ method: "POST" })).toBe(1);
  expect(gitea.fake.issue(REPO, a).blockedBy).toEqual([b]);
});

test("an add lost before it was applied fails, for the caller to re-read and apply again", async () => {
  const f = forge();
  const [a = 0, b = 0] = issues("a", "b");
  gitea.fake.faultNext({ route: `POST ${DEPENDENCIES}` }, { timing: "before", answer: 502 });
  const failed = f.addDependency(a, b);
  await expect(failed).rejects.toBeInstanceOf(GiteaError);
  await expect(failed).rejects.toMatchObject({ status: 502 });
  expect(gitea.fake.count({ method: "POST" })).toBe(1);
  expect(await f.listDependencies(a)).toEqual([]);
  await f.addDependency(a, b);
  expect(await f.listDependencies(a)).toEqual([b]);
});

test("a cycle of two is refused with a message that names it", async () => {
  const f = forge();
  const [a = 0, b = 0] = issues("a", "b");
  await f.addDependency(a, b);
  await expect(f.addDependency(b, a)).rejects.toThrow(
    `Gitea answers so when #${a} depends on #${b} (a cycle of two)`,
  );
  expect(await f.listDependencies(b)).toEqual([]);
});

test("closing an issue with an open dependency: 412 as an actionable GiteaError; after removing it, closed", async () => {
  const f = forge();
  const [a = 0, b = 0] = issues("a", "b");
  await f.addDependency(a, b);
  gitea.fake.resetRequests();
  const refused = f.editIssue(a, { state: "closed" });
  await expect(refused).rejects.toBeInstanceOf(GiteaError);
  await expect(refused).rejects.toMatchObject({ status: 412 });
  await expect(refused).rejects.toThrow(
    `issue #${a} has open dependencies: remove them or close the issues it depends on`,
  );
  expect(gitea.fake.requests).toHaveLength(1);
  expect((await f.getIssue(a)).state).toBe("open");
  await f.removeDependency(a, b);
  await f.editIssue(a, { state: "closed" });
  expect((await f.getIssue(a)).state).toBe("closed");
  // Another 412 (not a close) keeps Gitea's own message.
  gitea.fake.failNext({ method: "PATCH" }, 412);
  await expect(f.editIssue(a, { body: "x" })).rejects.toThrow("injected failure 412");
});

test("dependencies disabled for the repository: the list is a 404 GiteaError", async () => {
  const f = forge();
  const [a = 0] = issues("a");
  gitea.fake.repo(REPO).dependenciesEnabled = false;
  await expect(f.listDependencies(a)).rejects.toMatchObject({ status: 404 });
});

test("more dependencies than a page: the list goes on while pages are full", async () => {
  const f = forge();
  const [a = 0, ...blockers] = issues("a", ...Array.from({ length: 51 }, (_, i) => `b${i}`));
  for (const blocker of blockers) gitea.fake.addDependency(REPO, a, blocker);
  gitea.fake.resetRequests();
  expect(await f.listDependencies(a)).toEqual(blockers);
  expect(gitea.fake.requests.map((r) => r.query.page)).toEqual(["1", "2"]);
});
