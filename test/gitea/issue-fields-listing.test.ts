/** Gitea's issue fields arrive with the listing (SPEC §8: no extra reads), mapped onto the port's issue. */
import { expect, test } from "vitest";
import { createGiteaForge } from "../../src/gitea/gitea-forge.js";
import { LabelResolver } from "../../src/gitea/label-resolver.js";
import { useGiteaFake } from "../support/gitea-fake/vitest.js";
import { octokitFor } from "./helpers.js";

const gitea = useGiteaFake();
const REPO = "acme/widgets";

test("assignees, milestone and due date from the listing; none gives [] and null", async () => {
  const forge = createGiteaForge({
    octokit: octokitFor(gitea.fake),
    fullName: REPO,
    botLogin: "deferbot",
    labels: new LabelResolver(),
  });
  const set = gitea.fake.addIssue(REPO, { title: "set", author: "deferbot" });
  set.assignees = ["alice", "root"];
  set.dueDate = "2027-03-31T23:59:59Z";
  set.milestone = { id: 7, title: "v2.0" };
  gitea.fake.addIssue(REPO, { title: "bare", author: "deferbot" });
  gitea.fake.resetRequests();
  const issues = await forge.listBotIssues();
  expect(gitea.fake.requests).toHaveLength(1);
  const byTitle = new Map(issues.map((issue) => [issue.title, issue]));
  expect(byTitle.get("set")).toMatchObject({
    assignees: ["alice", "root"],
    milestone: "v2.0",
    dueDate: "2027-03-31",
  });
  expect(byTitle.get("bare")).toMatchObject({ assignees: [], milestone: null, dueDate: null });
});
