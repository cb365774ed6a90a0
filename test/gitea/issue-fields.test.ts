/**
 * Gitea's own issue fields through the port (SPEC §8), on the fake: assignees, due date and
 * milestone on a create and an edit, each cleared the way Gitea wants it, one request per call.
 */
import { expect, test } from "vitest";
import { createGiteaForge } from "../../src/gitea/gitea-forge.js";
import { LabelResolver } from "../../src/gitea/label-resolver.js";
import { useGiteaFake } from "../support/gitea-fake/vitest.js";
import { octokitFor } from "./helpers.js";

const gitea = useGiteaFake();
const REPO = "acme/widgets";

function forge(token = "deferbot-token") {
  return createGiteaForge({
    octokit: octokitFor(gitea.fake, token),
    fullName: REPO,
    botLogin: token === "deferbot-token" ? "deferbot" : "alice",
    labels: new LabelResolver(),
  });
}

test("a create carries assignees, the due date and the milestone in its one request; empty ones are not sent", async () => {
  const f = forge();
  const milestone = gitea.fake.addMilestone(REPO, { title: "v2.0" });
  gitea.fake.resetRequests();
  const created = await f.createIssue({
    title: "t",
    body: "b",
    labels: [],
    assignees: ["deferbot", "acme"],
    dueDate: "2027-03-31",
    milestone: milestone.id,
  });
  expect(gitea.fake.requests.map((r) => `${r.method} ${r.status}`)).toEqual(["POST 201"]);
  expect(gitea.fake.requests[0]?.body).toMatchObject({
    assignees: ["deferbot", "acme"],
    due_date: "2027-03-31T23:59:59Z",
    milestone: milestone.id,
  });
  expect(created).toMatchObject({
    assignees: ["deferbot", "acme"],
    dueDate: "2027-03-31",
    milestone: "v2.0",
  });
  expect(await f.getIssue(created.number)).toMatchObject({
    assignees: ["deferbot", "acme"],
    dueDate: "2027-03-31",
    milestone: "v2.0",
  });
  gitea.fake.resetRequests();
  await f.createIssue({ title: "plain", body: "", labels: [], assignees: [], dueDate: null });
  const sent = gitea.fake.requests[0]?.body as object;
  expect(Object.keys(sent).sort()).toEqual(["body", "labels", "title"]);
  // Without write access Gitea drops them: the answer tells.
  const dropped = await forge("alice-token").createIssue({
    title: "reader",
    body: "",
    labels: [],
    assignees: ["deferbot"],
    dueDate: "2027-03-31",
  });
  expect(dropped).toMatchObject({ assignees: [], dueDate: null, milestone: null });
});

test("an edit sets each field in the same PATCH as the body, and clears each the Gitea way", async () => {
  const f = forge();
  const milestone = gitea.fake.addMilestone(REPO, { title: "v2.0" });
  const issue = await f.createIssue({ title: "t", body: "old", labels: [] });
  gitea.fake.resetRequests();
  await f.editIssue(issue.number, {
    body: "new",
    assignees: ["deferbot"],
    dueDate: "2027-01-15",
    milestone: milestone.id,
  });
  expect(await f.getIssue(issue.number)).toMatchObject({
    body: "new",
    assignees: ["deferbot"],
    dueDate: "2027-01-15",
    milestone: "v2.0",
  });
  await f.editIssue(issue.number, { assignees: ["acme", "deferbot"] });
  expect((await f.getIssue(issue.number)).assignees).toEqual(["acme", "deferbot"]);
  await f.editIssue(issue.number, { assignees: [] });
  await f.editIssue(issue.number, { dueDate: null });
  await f.editIssue(issue.number, { milestone: null });
  const patches = gitea.fake.requestsMatching({ method: "PATCH" });
  expect(patches.map((r) => r.body)).toEqual([
    {
      body: "new",
      assignees: ["deferbot"],
      due_date: "2027-01-15T23:59:59Z",
      milestone: milestone.id,
    },
    { assignees: ["acme", "deferbot"] },
    { assignees: [] },
    { unset_due_date: true },
    { milestone: 0 },
  ]);
  expect(patches.every((r) => r.status === 201)).toBe(true);
  expect(gitea.fake.writes()).toHaveLength(5);
  expect(await f.getIssue(issue.number)).toMatchObject({
    assignees: [],
    dueDate: null,
    milestone: null,
  });
});

test("a field left out of an edit is left as it is", async () => {
  const f = forge();
  const issue = await f.createIssue({
    title: "t",
    body: "",
    labels: [],
    assignees: ["deferbot"],
    dueDate: "2027-03-31",
  });
  await f.editIssue(issue.number, { title: "renamed" });
  expect(await f.getIssue(issue.number)).toMatchObject({
    title: "renamed",
    assignees: ["deferbot"],
    dueDate: "2027-03-31",
  });
});

test("the due date's day, whatever zone the server answers in", async () => {
  const f = forge();
  const issue = gitea.fake.addIssue(REPO, { title: "t", author: "deferbot" });
  const dueOf = async (due: string) => {
    gitea.fake.issue(REPO, issue.number).dueDate = due;
    return (await f.getIssue(issue.number)).dueDate;
  };
  // The bot's 2027-03-31T23:59:59Z seen from a server at UTC+2 and at UTC-5.
  expect(await dueOf("2027-04-01T01:59:59+02:00")).toBe("2027-03-31");
  expect(await dueOf("2027-03-31T18:59:59-05:00")).toBe("2027-03-31");
  // Set in the UI of a server at UTC-5: the end of its own day.
  expect(await dueOf("2027-03-31T23:59:59-05:00")).toBe("2027-03-31");
});

test("an edit naming a user who may not be assigned: Gitea's 500 says what it may mean", async () => {
  const f = forge();
  const issue = gitea.fake.addIssue(REPO, { title: "t", author: "deferbot" });
  const refused = f.editIssue(issue.number, { assignees: ["alice"] });
  await expect(refused).rejects.toMatchObject({ status: 500, answerLost: true });
  await expect(refused).rejects.toThrow(
    "Gitea answers so to an assignee without write access or a milestone that is gone",
  );
  expect(gitea.fake.count({ method: "PATCH" })).toBe(1);
});

test("a due date that is not a day is refused before any request", async () => {
  const f = forge();
  gitea.fake.resetRequests();
  await expect(f.editIssue(1, { dueDate: "2027-02-30" })).rejects.toThrow(
    'a due date must be a day as YYYY-MM-DD, not "2027-02-30"',
  );
  await expect(f.editIssue(1, { dueDate: "31.03.2027" })).rejects.toThrow("YYYY-MM-DD");
  expect(gitea.fake.requests).toHaveLength(0);
});

test("assignable users and every milestone, one request each", async () => {
  const f = forge();
  gitea.fake.setCollaborator(REPO, "bob", "write");
  gitea.fake.addMilestone(REPO, { title: "v1.0", state: "closed" });
  gitea.fake.addMilestone(REPO, { title: "v2.0" });
  gitea.fake.resetRequests();
  expect(await f.listAssignees()).toEqual(["bob", "deferbot", "acme"]);
  const milestones = await f.listMilestones();
  expect(milestones.map(({ title, state }) => ({ title, state }))).toEqual([
    { title: "v1.0", state: "closed" },
    { title: "v2.0", state: "open" },
  ]);
  expect(milestones.every((milestone) => Number.isInteger(milestone.id))).toBe(true);
  expect(gitea.fake.requests.map((r) => `${r.route} ${r.query.state ?? ""}`)).toEqual([
    "GET /repos/{owner}/{repo}/assignees ",
    "GET /repos/{owner}/{repo}/milestones all",
  ]);
});
