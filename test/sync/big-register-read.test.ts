/**
 * Issue 13 case 3: registers read as raw bytes up to the size limit, and listing pages with a
 * huge issue body, against the Gitea fake (SPEC §3.4 "Calls", §4).
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG } from "../../src/core/config/repo-config.js";
import { createGiteaForge } from "../../src/gitea/gitea-forge.js";
import { LabelResolver } from "../../src/gitea/label-resolver.js";
import { ParseCache } from "../../src/sync/parse-cache.js";
import { readRegister } from "../../src/sync/read-register.js";
import { octokitFor } from "../gitea/helpers.js";
import { blobSha } from "../support/gitea-fake/store.js";
import { useGiteaFake } from "../support/gitea-fake/vitest.js";
import { findingSpec, renderRegister } from "../support/register.js";
import { BOT, DOC, harness, REPO } from "../support/sync-harness.js";

const gitea = useGiteaFake();
const R = "/repos/{owner}/{repo}";
const MIB = 1024 * 1024;

/** A register of two findings after a preamble code block that pads it to `bytes`. */
function paddedRegister(bytes: number): string {
  const head = "```text\n";
  const tail = `\n\`\`\`\n\n${renderRegister([findingSpec(1), findingSpec(2)])}`;
  const line = `${"log line ".repeat(11)}\n`;
  const fill = line
    .repeat(Math.ceil(bytes / line.length))
    .slice(0, bytes - head.length - tail.length);
  return head + fill + tail;
}

function forgeFor() {
  return createGiteaForge({
    octokit: octokitFor(gitea.fake),
    fullName: REPO,
    botLogin: BOT,
    labels: new LabelResolver(),
  });
}

describe("the register read as raw bytes", () => {
  it("a 9.9 MiB register is read whole in one raw request, its blob sha computed from the bytes", async () => {
    const bytes = Buffer.from(paddedRegister(9.9 * MIB));
    const sha = gitea.fake.setFile(REPO, DOC, bytes);
    gitea.fake.resetRequests();
    const read = await forgeFor().readFile(DOC, sha);
    expect(read.kind).toBe("found");
    if (read.kind !== "found") return;
    expect(read.bytes.byteLength).toBe(bytes.length);
    expect(read.blobSha).toBe(blobSha(bytes));
    expect(gitea.fake.requests.map((request) => request.route)).toEqual([
      `GET ${R}/raw/{filepath}`,
    ]);
  });

  it("a 10.5 MiB register is the too-large error diagnostic", async () => {
    const sha = gitea.fake.setFile(REPO, DOC, paddedRegister(10.5 * MIB));
    const read = await readRegister(
      { forge: forgeFor(), parses: new ParseCache() },
      DEFAULT_CONFIG,
      sha,
    );
    expect(read).toMatchObject({
      kind: "unreadable",
      diagnostic: { severity: "error", code: "too-large", line: 1 },
    });
    if (read.kind === "unreadable") expect(read.diagnostic.message).toContain("10.0 MiB limit");
  });

  it("a sync of a 10.5 MiB register ends in a failure status and closes nothing", async () => {
    const h = harness(gitea.fake);
    h.commit(renderRegister([findingSpec(1), findingSpec(2)]));
    await h.sync();
    h.commit(paddedRegister(10.5 * MIB));
    const result = await h.sync();
    expect(result.status.state).toBe("failure");
    expect(result.diagnostics.map((diagnostic) => diagnostic.code)).toContain("too-large");
    expect(h.issues().filter((issue) => issue.state === "open")).toHaveLength(2);
  });

  it("a directory at the document's path: the raw 404, then the contents API tells it is no file", async () => {
    gitea.fake.setFile(REPO, `${DOC}/inner.md`, "# not the register\n");
    const sha = gitea.fake.headSha(REPO);
    gitea.fake.resetRequests();
    expect(await forgeFor().readFile(DOC, sha)).toEqual({ kind: "not-a-file", type: "dir" });
    expect(await forgeFor().readFile("docs/none.md", sha)).toEqual({ kind: "missing" });
    expect(gitea.fake.requests.map((request) => request.route)).toEqual([
      `GET ${R}/raw/{filepath}`,
      `GET ${R}/contents/{filepath}`,
      `GET ${R}/raw/{filepath}`,
      `GET ${R}/contents/{filepath}`,
    ]);
  });

  it("a register over 6 MiB syncs (its contents-API JSON would be one ~8 MiB base64 string)", async () => {
    const h = harness(gitea.fake);
    h.commit(paddedRegister(6.5 * MIB));
    const result = await h.sync();
    expect(result.status.state).toBe("success");
    expect(h.issues()).toHaveLength(2);
  });
});

describe("a listing page with a huge issue body", () => {
  it("a tracking issue carrying ~9 MB of pasted logs neither breaks the listing nor the sync of the others", async () => {
    const h = harness(gitea.fake);
    h.commit(renderRegister([findingSpec(1), findingSpec(2)]));
    await h.sync();
    const [first] = h.issues();
    if (!first) throw new Error("the first sync created no issue");
    first.body += `\n\n<details><summary>logs</summary>\n\n${"x".repeat(9 * 1000 * 1000)}\n</details>\n`;

    h.commit(renderRegister([findingSpec(1), findingSpec(2), findingSpec(3)]));
    const result = await h.sync();
    expect(result.status.state).toBe("success");
    expect(h.issuesFor(findingSpec(3).id)).toHaveLength(1);
  });
});
