import { expect, test } from "vitest";
import { LabelResolver } from "../../src/gitea/label-resolver.js";
import { createGiteaGateway } from "../../src/gitea/repo-gateway.js";
import { useGiteaFake } from "../support/gitea-fake/vitest.js";
import { clientFor } from "./helpers.js";

const gitea = useGiteaFake();

test("a first sync's calls: labels listed once, created once, one POST per issue with IDs", async () => {
  const fake = gitea.fake;
  const sha = fake.setFile("acme/widgets", "docs/deferred-errors.md", "# Deferred\n");
  const gateway = createGiteaGateway({
    client: clientFor(fake),
    botLogin: "deferbot",
    labels: new LabelResolver(),
  });
  expect(await gateway.repo()).toMatchObject({
    owner: "acme",
    name: "widgets",
    defaultBranch: "main",
  });
  expect(await gateway.branchHead("main")).toBe(sha);
  expect(await gateway.readFile("docs/deferred-errors.md", sha)).toMatchObject({ kind: "found" });
  expect(await gateway.readFile("docs/none.md", sha)).toEqual({ kind: "missing" });
  expect(await gateway.listBotIssues()).toEqual([]);
  fake.resetRequests();
  for (const id of ["DE-1", "DE-2", "DE-3"]) {
    await gateway.createIssue({
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
  const listed = await gateway.listBotIssues();
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
  const gateway = createGiteaGateway({
    client: clientFor(fake),
    botLogin: "deferbot",
    labels: new LabelResolver(),
  });
  await gateway.editIssue(issue.number, { state: "closed" });
  await gateway.comment(issue.number, "Removed");
  await gateway.setStatus(fake.headSha("acme/widgets"), {
    state: "success",
    context: "deferbot",
    description: "ok",
  });
  expect(fake.requests.map((r) => r.method)).toEqual(["PATCH", "POST", "POST"]);
  fake.resetRequests();
  await gateway.replaceLabels(issue.number, [keep.id], ["risk/low"]);
  expect(fake.requests.map((r) => r.method)).toEqual(["GET", "POST", "PUT"]);
  expect((await gateway.getIssue(issue.number)).labels.map((l) => l.name)).toEqual([
    "deferred-error",
    "risk/low",
  ]);
});
