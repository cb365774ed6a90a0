import { expect, test } from "vitest";
import { createGiteaForge } from "../../src/gitea/gitea-forge.js";
import { LabelResolver } from "../../src/gitea/label-resolver.js";
import { useGiteaFake } from "../support/gitea-fake/vitest.js";
import { octokitFor } from "./helpers.js";

const gitea = useGiteaFake();

test("a first sync's calls: labels listed once, created once, one POST per issue with IDs", async () => {
  const fake = gitea.fake;
  const sha = fake.setFile("acme/widgets", "docs/deferred-errors.md", "# Deferred\n");
  const forge = createGiteaForge({
    octokit: octokitFor(fake),
    fullName: "acme/widgets",
    botLogin: "deferbot",
    labels: new LabelResolver(),
  });
  expect(await forge.repo()).toMatchObject({
    owner: "acme",
    name: "widgets",
    defaultBranch: "main",
  });
  expect(await forge.branchHead("main")).toBe(sha);
  expect(await forge.readFile("docs/deferred-errors.md", sha)).toMatchObject({ kind: "found" });
  expect(await forge.readFile("docs/none.md", sha)).toEqual({ kind: "missing" });
  expect(await forge.listBotIssues()).toEqual([]);
  fake.resetRequests();
  for (const id of ["DE-1", "DE-2", "DE-3"]) {
    await forge.createIssue({
      title: `${id}: t`,
      body: "b",
      labels: ["deferred-error", "risk/high"],
    });
  }
  expect(fake.requests.map((r) => r.route)).toEqual([
    "GET /repos/{owner}/{repo}/labels",
    "POST /repos/{owner}/{repo}/labels",
    "POST /repos/{owner}/{repo}/labels",
    "POST /repos/{owner}/{repo}/issues",
    "POST /repos/{owner}/{repo}/issues",
    "POST /repos/{owner}/{repo}/issues",
  ]);
  const listed = await forge.listBotIssues();
  expect(listed.map((issue) => issue.title)).toEqual(["DE-3: t", "DE-2: t", "DE-1: t"]);
  expect(listed[0]?.labels.map((label) => label.name)).toEqual(["deferred-error", "risk/high"]);
});

test("edits, label swaps and comments are one request each", async () => {
  const fake = gitea.fake;
  const keep = fake.addLabel("acme/widgets", { name: "deferred-error" });
  const issue = fake.addIssue("acme/widgets", {
    title: "DE-1: t",
    author: "deferbot",
    labels: ["deferred-error"],
  });
  const forge = createGiteaForge({
    octokit: octokitFor(fake),
    fullName: "acme/widgets",
    botLogin: "deferbot",
    labels: new LabelResolver(),
  });
  await forge.editIssue(issue.number, { state: "closed" });
  await forge.comment(issue.number, "Removed");
  await forge.setStatus(fake.headSha("acme/widgets"), {
    state: "success",
    context: "deferbot",
    description: "ok",
  });
  expect(fake.requests.map((r) => r.method)).toEqual(["PATCH", "POST", "POST"]);
  fake.resetRequests();
  await forge.replaceLabels(issue.number, [keep.id], ["risk/low"]);
  expect(fake.requests.map((r) => r.method)).toEqual(["GET", "POST", "PUT"]);
  expect((await forge.getIssue(issue.number)).labels.map((l) => l.name)).toEqual([
    "deferred-error",
    "risk/low",
  ]);
});
