/** A label deleted on Gitea after the bot listed the repository's labels. */
import { expect, test } from "vitest";
import { useGiteaFake } from "../support/gitea-fake/vitest.js";
import { findingSpec, renderRegister } from "../support/register.js";
import { harness, REPO } from "../support/sync-harness.js";

const gitea = useGiteaFake();

function deleteLabel(name: string): void {
  const labels = gitea.fake.repo(REPO).labels;
  labels.splice(
    labels.findIndex((label) => label.name === name),
    1,
  );
}

test("is created again and put on a new issue", async () => {
  const h = harness(gitea.fake);
  h.commit(renderRegister([findingSpec(1)]));
  await h.sync();
  deleteLabel("deferred-error");
  h.commit(renderRegister([findingSpec(1), findingSpec(2)]));
  await h.sync();
  const issue = h.issuesFor("TD-002")[0];
  expect(issue && h.labelsOf(issue)).toContain("deferred-error");
  expect(gitea.fake.repo(REPO).labels.filter((l) => l.name === "deferred-error")).toHaveLength(1);
});

test("is created again when a risk change swaps labels", async () => {
  const h = harness(gitea.fake);
  h.commit(renderRegister([findingSpec(1)]));
  await h.sync();
  h.commit(renderRegister([findingSpec(1, { risk: "High — now" }), findingSpec(3)]));
  await h.sync(); // risk/high exists from now on
  deleteLabel("risk/high");
  h.commit(renderRegister([findingSpec(1, { risk: "Low — again" }), findingSpec(3)]));
  await h.sync();
  h.commit(renderRegister([findingSpec(1, { risk: "High — once more" }), findingSpec(3)]));
  await h.sync();
  const issue = h.issuesFor("TD-001")[0];
  expect(issue && h.labelsOf(issue)).toContain("risk/high");
});
