/** A Gitea whose admin set `[api] MAX_RESPONSE_ITEMS` below our `limit=50`. */
import { expect, test } from "vitest";
import { listTrackedIssues } from "../../src/gitea/issues.js";
import { listRepoLabels } from "../../src/gitea/labels.js";
import { useGiteaFake } from "../support/gitea-fake/vitest.js";
import { clientFor } from "./helpers.js";

const gitea = useGiteaFake({ maxResponseItems: 30 });

test("a 30-item page is not taken for the last one: every tracked issue is listed", async () => {
  for (let i = 0; i < 70; i++)
    gitea.fake.addIssue("acme/widgets", { title: `F-${i}`, author: "deferbot" });
  const issues = await listTrackedIssues(clientFor(gitea.fake), "deferbot");
  expect(issues).toHaveLength(70);
  expect(gitea.fake.count({ route: "GET /repos/{owner}/{repo}/issues" })).toBe(3);
});

test("labels (no Link header) are listed whole too", async () => {
  for (let i = 0; i < 45; i++) gitea.fake.addLabel("acme/widgets", { name: `l-${i}` });
  expect(await listRepoLabels(clientFor(gitea.fake))).toHaveLength(45);
});

test("with X-Total-Count, the pages after the first are asked for at once", async () => {
  for (let i = 0; i < 140; i++)
    gitea.fake.addIssue("acme/widgets", { title: `F-${i}`, author: "deferbot" });
  gitea.fake.setLatency(20);
  try {
    gitea.fake.resetRequests();
    const issues = await listTrackedIssues(clientFor(gitea.fake), "deferbot");
    expect(new Set(issues.map((issue) => issue.number)).size).toBe(140);
    // 30 per page: page 1, then pages 2 to 5 together.
    expect(gitea.fake.count({ route: "GET /repos/{owner}/{repo}/issues" })).toBe(5);
    expect(gitea.fake.peakInFlight()).toBe(4);
  } finally {
    gitea.fake.setLatency(0);
  }
});
