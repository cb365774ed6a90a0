/** Pins (Gitea 1.20+) through the port, on the fake: the limit, `pin_order` in the listing, 403. */
import { expect, test } from "vitest";
import { useGiteaFake } from "../support/gitea-fake/vitest.js";
import { forgeFor } from "./helpers.js";

const gitea = useGiteaFake();
const REPO = "acme/widgets";

const forge = () => forgeFor(gitea.fake, REPO);

test("pin, the pin order in the listing, the limit (403 → `limit`, no pin moved), unpin", async () => {
  const f = forge();
  gitea.fake.repo(REPO).maxPinned = 2;
  const [a, b, c] = await Promise.all(
    ["a", "b", "c"].map((title) => f.createIssue({ title, body: "", labels: [] })),
  );
  if (!a || !b || !c) throw new Error("not created");
  expect(await f.pinAllowed()).toBe(true);
  expect(await f.pinIssue(a.number)).toBe("pinned");
  expect(await f.pinIssue(b.number)).toBe("pinned");
  expect(await f.pinAllowed()).toBe(false);
  expect(await f.pinIssue(c.number)).toBe("limit");
  expect(
    gitea.fake.requestsMatching({ method: "POST", path: /\/pin$/ }).map((r) => r.status),
  ).toEqual([204, 204, 403]);
  const order = (await f.listBotIssues()).map((issue) => [issue.title, issue.pinOrder]);
  expect(order.sort()).toEqual([
    ["a", 1],
    ["b", 2],
    ["c", 0],
  ]);
  await f.unpinIssue(a.number);
  expect((await f.getIssue(b.number)).pinOrder).toBe(1);
  expect(await f.pinAllowed()).toBe(true);
});

test("the fake lists the pinned issues in pin order", async () => {
  const f = forge();
  const one = await f.createIssue({ title: "one", body: "", labels: [] });
  const two = await f.createIssue({ title: "two", body: "", labels: [] });
  await f.pinIssue(two.number);
  await f.pinIssue(one.number);
  const response = await fetch(`${gitea.fake.apiUrl}/repos/${REPO}/issues/pinned`, {
    headers: { authorization: "token deferbot-token" },
  });
  const pinned = (await response.json()) as { title: string; pin_order: number }[];
  expect(pinned.map((issue) => [issue.title, issue.pin_order])).toEqual([
    ["two", 1],
    ["one", 2],
  ]);
});
