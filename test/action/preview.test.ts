/** `deferbot action` on `pull_request`: the same preview handler as the server, and a fork's job without secrets. */
import { describe, expect, it } from "vitest";
import { pullRequestPayload } from "../server/payloads.js";
import { useGiteaFake } from "../support/gitea-fake/vitest.js";
import { findingSpec, renderRegister } from "../support/register.js";
import { BOT, DOC, REPO } from "../support/sync-harness.js";
import { runEvent } from "./helpers.js";

const gitea = useGiteaFake();

function openPull(specs: number[], options: { duplicate?: boolean } = {}) {
  const fake = gitea.fake.repo(REPO);
  const mergeBase = gitea.fake.setFile(REPO, DOC, renderRegister([findingSpec(1)]));
  fake.branches.set("feature", mergeBase);
  const findings = specs.map((n) => findingSpec(n));
  if (options.duplicate) findings.push(findingSpec(9, { id: "TD-001" }));
  const headSha = gitea.fake.setFile(REPO, DOC, renderRegister(findings), { branch: "feature" });
  const pull = gitea.fake.addPull(REPO, {
    title: "Register change",
    author: "alice",
    head: "feature",
    headSha,
    mergeBase,
  });
  return { number: pull.number, headSha, mergeBase };
}

const previewComments = (number: number) =>
  gitea.fake
    .repo(REPO)
    .comments.filter(
      (comment) =>
        comment.issueNumber === number &&
        comment.author === BOT &&
        comment.body.startsWith("<!-- deferbot:comment kind=preview"),
    );

describe("deferbot action: pull_request", () => {
  it("previews the PR as the server does: one comment, the status, exit 0", async () => {
    const pull = openPull([1, 2]);
    const run = await runEvent(
      gitea.fake,
      "pull_request",
      pullRequestPayload({ action: "opened", ...pull }),
    );
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(previewComments(pull.number)).toHaveLength(1);
    expect(previewComments(pull.number)[0]?.body).toContain(
      "Merging this will open 1 tracking issue.",
    );
    expect(
      gitea.fake.repo(REPO).statuses.filter((s) => s.context === "deferbot/preview"),
    ).toMatchObject([{ sha: pull.headSha, state: "success" }]);
    expect(run.stdout).toContain(
      `preview #${pull.number} at ${pull.headSha.slice(0, 12)}: success`,
    );
    expect(gitea.fake.repo(REPO).issues.filter((issue) => !issue.pull)).toEqual([]);
  });

  it("exits 1 when the head document has an error, as a sync would", async () => {
    const pull = openPull([1, 2], { duplicate: true });
    const run = await runEvent(
      gitea.fake,
      "pull_request",
      pullRequestPayload({ action: "synchronized", ...pull }),
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${REPO}#${pull.number}: 1 error in ${DOC}`);
  });

  it("a fork's PR job has no token: says so and exits 0, without a request", async () => {
    const pull = openPull([1, 2]);
    const run = await runEvent(
      gitea.fake,
      "pull_request",
      pullRequestPayload({ action: "opened", ...pull, headRepo: "alice/widgets" }),
      { DEFERBOT_TOKEN: "" },
    );
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("pull request from the fork alice/widgets");
    expect(run.stderr).toContain("no secrets");
    expect(gitea.fake.requests).toEqual([]);
  });

  it("a PR from the repository itself without a token is still a setting to fix (exit 2)", async () => {
    const pull = openPull([1, 2]);
    const run = await runEvent(
      gitea.fake,
      "pull_request",
      pullRequestPayload({ action: "opened", ...pull }),
      { DEFERBOT_TOKEN: "" },
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("DEFERBOT_TOKEN must be set");
  });
});
