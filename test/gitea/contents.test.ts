import { describe, expect, test } from "vitest";
import { getFileContents, updateFile } from "../../src/gitea/contents.js";
import { GiteaError } from "../../src/gitea/errors.js";
import { useGiteaFake } from "../support/gitea-fake/vitest.js";
import { clientFor } from "./helpers.js";

const gitea = useGiteaFake({ maxBlobSize: 64 });
const text = (bytes: Uint8Array) => Buffer.from(bytes).toString("utf8");

describe("getFileContents", () => {
  test("decodes base64 and reports the blob and last commit", async () => {
    const fake = gitea.fake;
    const commit = fake.setFile("acme/widgets", "docs/deferred-errors.md", "# Deferred ✓\n");
    fake.setFile("acme/widgets", "README.md", "other file, later commit");
    const read = await getFileContents(clientFor(fake), "docs/deferred-errors.md");
    expect(read?.kind).toBe("file");
    if (read?.kind !== "file") return;
    expect(text(read.content)).toBe("# Deferred ✓\n");
    expect(read.lastCommitSha).toBe(commit);
    expect(read.sha).toMatch(/^[0-9a-f]{40}$/);
    // The slash went over the wire encoded, as Octokit does, and Gitea decodes it.
    expect(fake.requests[0]?.rawPath).toBe(
      "/api/v1/repos/acme/widgets/contents/docs%2Fdeferred-errors.md",
    );
  });

  test("reads at a ref, and answers null for a missing file", async () => {
    const fake = gitea.fake;
    const first = fake.setFile("acme/widgets", "a.md", "v1");
    fake.setFile("acme/widgets", "a.md", "v2");
    const old = await getFileContents(clientFor(fake), "a.md", first);
    expect(old?.kind === "file" && text(old.content)).toBe("v1");
    expect(await getFileContents(clientFor(fake), "missing.md")).toBeNull();
  });

  test("a file above Gitea's blob limit is `too-large`, not an error", async () => {
    const fake = gitea.fake;
    fake.setFile("acme/widgets", "big.md", "x".repeat(100));
    expect(await getFileContents(clientFor(fake), "big.md")).toMatchObject({
      kind: "too-large",
      size: 100,
    });
  });
});

describe("writing files", () => {
  test("updateFile needs the current sha; a stale one is a 422 GiteaError", async () => {
    const fake = gitea.fake;
    fake.setFile("acme/widgets", "a.md", "v1");
    const client = clientFor(fake);
    const read = await getFileContents(client, "a.md");
    if (read?.kind !== "file") throw new Error("expected a file");
    const written = await updateFile(client, "a.md", read.sha, {
      content: "v2",
      message: "Update a.md",
    });
    expect(written.commitSha).toBe(fake.headSha("acme/widgets"));
    const stale = await updateFile(client, "a.md", read.sha, {
      content: "v3",
      message: "again",
    }).catch((e) => e);
    expect(stale).toBeInstanceOf(GiteaError);
    expect((stale as GiteaError).status).toBe(422);
  });

  test("updateFile onto a new branch leaves the base branch alone", async () => {
    const fake = gitea.fake;
    fake.setFile("acme/widgets", "a.md", "v1");
    const base = fake.headSha("acme/widgets");
    const client = clientFor(fake);
    const read = await getFileContents(client, "a.md");
    if (read?.kind !== "file") throw new Error("expected a file");
    const written = await updateFile(client, "a.md", read.sha, {
      content: "v2",
      message: "Propose",
      branch: "main",
      newBranch: "deferbot/fix",
    });
    expect(fake.headSha("acme/widgets", "deferbot/fix")).toBe(written.commitSha);
    expect(fake.headSha("acme/widgets")).toBe(base);
  });
});
