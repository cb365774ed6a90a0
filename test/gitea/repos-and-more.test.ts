import { describe, expect, test } from "vitest";
import { createComment, listComments, updateComment } from "../../src/gitea/comments.js";
import { createPullRequest, listPullRequests } from "../../src/gitea/pulls.js";
import { createCommentReaction } from "../../src/gitea/reactions.js";
import { getBranch, getRepository } from "../../src/gitea/repos.js";
import { createCommitStatus } from "../../src/gitea/statuses.js";
import { getCollaboratorPermission } from "../../src/gitea/users.js";
import { useGiteaFake } from "../support/gitea-fake/vitest.js";
import { clientFor } from "./helpers.js";

const gitea = useGiteaFake({
  users: [
    { login: "deferbot", token: "deferbot-token" },
    { login: "alice", token: "alice-token" },
  ],
  repos: [
    { owner: "acme", name: "widgets", collaborators: { deferbot: "admin", alice: "read" } },
    { owner: "acme", name: "locked", collaborators: { deferbot: "write", alice: "write" } },
  ],
});

describe("repository reads", () => {
  test("repository, branch head and a commit by sha", async () => {
    const fake = gitea.fake;
    const sha = fake.setFile("acme/widgets", "a.md", "x", { message: "Add a.md" });
    const client = clientFor(fake);
    expect(await getRepository(client)).toEqual({
      owner: "acme",
      name: "widgets",
      fullName: "acme/widgets",
      htmlUrl: `${fake.url}/acme/widgets`,
      defaultBranch: "main",
    });
    expect(await getBranch(client, "main")).toEqual({ name: "main", commitSha: sha });
  });
});

describe("comments and reactions", () => {
  test("create, list, update; a repeated reaction is success too", async () => {
    const fake = gitea.fake;
    const issue = fake.addIssue("acme/widgets", { title: "t", author: "deferbot" });
    const client = clientFor(fake);
    const comment = await createComment(client, issue.number, "first");
    await updateComment(client, comment.id, "edited");
    expect((await listComments(client, issue.number)).map((c) => c.body)).toEqual(["edited"]);
    expect(await createCommentReaction(client, comment.id, "eyes")).toEqual({ created: true });
    expect(await createCommentReaction(client, comment.id, "eyes")).toEqual({ created: false });
  });
});

describe("commit status", () => {
  test("maps Gitea's `status` back to `state`; the description is sent as given", async () => {
    const fake = gitea.fake;
    const sha = fake.headSha("acme/widgets");
    const status = await createCommitStatus(clientFor(fake), sha, {
      state: "failure",
      context: "deferbot",
      description: "x".repeat(200),
      targetUrl: "https://example.test/run",
    });
    expect(status).toMatchObject({
      state: "failure",
      context: "deferbot",
      targetUrl: "https://example.test/run",
    });
    expect(status.description).toBe("x".repeat(200));
    expect(fake.repo("acme/widgets").statuses).toHaveLength(1);
  });
});

describe("collaborator permission", () => {
  test("answers Gitea's value, `owner` included, and `unknown` on 403", async () => {
    const fake = gitea.fake;
    expect(await getCollaboratorPermission(clientFor(fake), "alice")).toBe("read");
    expect(await getCollaboratorPermission(clientFor(fake), "acme")).toBe("owner");
    expect(await getCollaboratorPermission(clientFor(fake, "acme/locked"), "alice")).toBe(
      "unknown",
    );
    expect(await getCollaboratorPermission(clientFor(fake), "nobody")).toBe("none");
  });
});

describe("pull requests", () => {
  test("a second create for the same head and base returns the open PR (Gitea answers 409)", async () => {
    const fake = gitea.fake;
    const base = fake.headSha("acme/widgets");
    fake.setFile("acme/widgets", "a.md", "x", { branch: "main", message: "on feature" });
    fake.repo("acme/widgets").branches.set("deferbot/fix", fake.headSha("acme/widgets"));
    fake.repo("acme/widgets").branches.set("main", base);
    const client = clientFor(fake);
    const pull = { head: "deferbot/fix", base: "main", title: "Fix", body: "b" };
    const first = await createPullRequest(client, pull);
    const second = await createPullRequest(client, pull);
    expect(first.created).toBe(true);
    expect(second).toEqual({ pull: first.pull, created: false });
    expect(fake.count({ route: "POST /repos/{owner}/{repo}/pulls", status: 409 })).toBe(1);
    expect(await listPullRequests(client)).toEqual([first.pull]);
  });
});
