/** The commit status a sync posts: its link to the document, and its text cut once. */
import { describe, expect, it } from "vitest";
import { useGiteaFake } from "../support/gitea-fake/vitest.js";
import { findingSpec, renderRegister } from "../support/register.js";
import { harness, REPO } from "../support/sync-harness.js";

const gitea = useGiteaFake();

function statusesOf(sha: string) {
  return gitea.fake.repo(REPO).statuses.filter((status) => status.sha === sha);
}

describe("the commit status", () => {
  it("links to the document with its path encoded (a space and a # do not break the link)", async () => {
    const h = harness(gitea.fake);
    const path = "docs/deferred errors #1.md";
    gitea.fake.setFile(REPO, ".gitea/deferbot.yml", `document: "${path}"\n`);
    const sha = gitea.fake.setFile(REPO, path, renderRegister([findingSpec(1)]));
    await h.sync();
    expect(statusesOf(sha).map((status) => status.targetUrl)).toEqual([
      `${gitea.fake.url}/${REPO}/src/commit/${sha}/docs/deferred%20errors%20%231.md`,
    ]);
  });

  it("shows the same text as `/deferbot status` when it is long: it is cut once", async () => {
    const h = harness(gitea.fake);
    // A document path that is a directory, long enough for the status line to need cutting.
    const path = `docs/${"very-long-register-name-".repeat(8)}.md`;
    gitea.fake.setFile(REPO, ".gitea/deferbot.yml", `document: ${path}\n`);
    const sha = gitea.fake.setFile(REPO, `${path}/part.md`, "# not the register\n");
    const result = await h.sync();
    const [posted] = statusesOf(sha);
    expect(result.status.state).toBe("failure");
    expect(posted?.description).toBe(result.status.description);
    expect(h.bot.lastSync(REPO)?.description).toBe(posted?.description);
    expect([...(posted?.description ?? "")].length).toBeLessThanOrEqual(140);
    expect(posted?.description.endsWith("…")).toBe(true);
  });
});
