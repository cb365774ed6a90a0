/**
 * readFirstFile (the configuration's two paths, SPEC §3.4 "Calls"): every path's raw read at once;
 * the contents API, which tells a missing file from a directory or submodule, only for a 404 that
 * comes before the first file found.
 */
import { describe, expect, it, vi } from "vitest";
import { useGiteaFake } from "../support/gitea-fake/vitest.js";
import { forgeFor } from "./helpers.js";

const gitea = useGiteaFake();
const REPO = "acme/widgets";
const PATHS = [".gitea/deferbot.yml", ".github/deferbot.yml"] as const;

const forge = () => forgeFor(gitea.fake, REPO);

/** The requests since the last reset, as `METHOD endpoint` (`GET raw`, `GET contents`). */
function requests(): string[] {
  return gitea.fake.requests.map((r) => `${r.method} ${r.route?.split("/").at(-2)}`);
}

describe("readFirstFile", () => {
  it("the first path found: the later path's 404 is not told apart", async () => {
    gitea.fake.setFile(REPO, PATHS[0], "dashboard: false\n");
    const sha = gitea.fake.headSha(REPO);
    gitea.fake.resetRequests();
    const first = await forge().readFirstFile(PATHS, sha);
    expect(first?.path).toBe(PATHS[0]);
    expect(first?.read.kind).toBe("found");
    // The later path's answer is not waited for: it comes on its own, and is not told apart.
    await vi.waitFor(() => expect(gitea.fake.requests.map((r) => r.status)).toEqual([200, 404]));
    expect(requests()).toEqual(["GET raw", "GET raw"]);
  });

  it("the first path found: the answer does not wait for a later path's, which may hang", async () => {
    gitea.fake.setFile(REPO, PATHS[0], "dashboard: false\n");
    const sha = gitea.fake.headSha(REPO);
    gitea.fake.faultNext(
      { path: /^\/repos\/acme\/widgets\/raw\/\.github\// },
      { timing: "before", answer: "hang" },
    );
    const first = await forge().readFirstFile(PATHS, sha);
    expect(first?.path).toBe(PATHS[0]);
    // The later read is still held open by the fake, without an answer.
    await vi.waitFor(() => expect(gitea.fake.requests.map((r) => r.status)).toEqual([200, 0]));
  });

  it("the first path missing and the second found: the first's 404 is told apart, the second wins", async () => {
    gitea.fake.setFile(REPO, PATHS[1], "dashboard: false\n");
    const sha = gitea.fake.headSha(REPO);
    gitea.fake.resetRequests();
    const first = await forge().readFirstFile(PATHS, sha);
    expect(first?.path).toBe(PATHS[1]);
    expect(requests()).toEqual(["GET raw", "GET raw", "GET contents"]);
  });

  it("a directory at the first path wins over a file at the second: it is no file", async () => {
    gitea.fake.setFile(REPO, `${PATHS[0]}/inner.yml`, "x: 1\n");
    gitea.fake.setFile(REPO, PATHS[1], "dashboard: false\n");
    const sha = gitea.fake.headSha(REPO);
    expect(await forge().readFirstFile(PATHS, sha)).toEqual({
      path: PATHS[0],
      read: { kind: "not-a-file", type: "dir" },
    });
  });

  it("every path missing: null, each 404 told apart", async () => {
    const sha = gitea.fake.setFile(REPO, "README.md", "# r\n");
    gitea.fake.resetRequests();
    expect(await forge().readFirstFile(PATHS, sha)).toBeNull();
    expect(requests().sort()).toEqual(["GET contents", "GET contents", "GET raw", "GET raw"]);
  });
});
