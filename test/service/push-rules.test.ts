import { describe, expect, it } from "vitest";
import {
  commitsCut,
  configMayHaveChanged,
  pushIgnoredReason,
  syncReason,
  touchesConfig,
} from "../../src/service/push-rules.js";
import { type PushPayload, pushPayload as pushSchema } from "../../src/service/webhook-payloads.js";
import { type CommitSpec, pushPayload } from "../server/payloads.js";

const DOC = "docs/deferred-errors.md";

function push(options: {
  ref?: string;
  commits?: CommitSpec[];
  totalCommits?: number;
}): PushPayload {
  return pushSchema.parse(pushPayload({ after: "f".repeat(40), ...options }));
}

describe("pushIgnoredReason", () => {
  it("keeps the default branch and names why anything else is ignored", () => {
    expect(pushIgnoredReason(push({}))).toBeNull();
    expect(pushIgnoredReason(push({ ref: "refs/tags/v1" }))).toBe("tag push (refs/tags/v1)");
    expect(pushIgnoredReason(push({ ref: "refs/heads/dev" }))).toBe(
      "not the default branch (refs/heads/dev, default refs/heads/main)",
    );
    // A branch whose name merely ends like the default one.
    expect(pushIgnoredReason(push({ ref: "refs/heads/x/main" }))).not.toBeNull();
  });
});

describe("syncReason", () => {
  it("syncs when a listed commit adds, modifies or removes the document", () => {
    for (const kind of ["added", "modified", "removed"] as const) {
      const payload = push({
        commits: [
          { id: "1", [kind]: [DOC] },
          { id: "2", modified: ["a.ts"] },
        ],
      });
      expect(syncReason(payload, DOC)).toBe("document changed");
    }
  });

  it("uses the configured document path", () => {
    const payload = push({ commits: [{ id: "1", modified: [DOC] }] });
    expect(syncReason(payload, "docs/other.md")).toBeNull();
  });

  it("syncs when Gitea cut the commit list (only the 5 newest are listed)", () => {
    const commits = ["1", "2", "3", "4", "5"].map((id) => ({ id, modified: ["a.ts"] }));
    expect(commitsCut(push({ commits, totalCommits: 5 }))).toBe(false);
    expect(syncReason(push({ commits, totalCommits: 5 }), DOC)).toBeNull();
    expect(syncReason(push({ commits, totalCommits: 6 }), DOC)).toBe("6 commits pushed, 5 listed");
  });

  it("syncs when the repository configuration changed, in either place", () => {
    for (const path of [".gitea/deferbot.yml", ".github/deferbot.yml"]) {
      const payload = push({ commits: [{ id: "1", removed: [path] }] });
      expect(touchesConfig(payload)).toBe(true);
      expect(syncReason(payload, DOC)).toBe("configuration changed");
    }
    expect(touchesConfig(push({ commits: [{ id: "1", added: [".gitea/other.yml"] }] }))).toBe(
      false,
    );
  });

  it("does not sync a push with no commits (e.g. an existing commit pushed again)", () => {
    expect(syncReason(push({ commits: [], totalCommits: 0 }), DOC)).toBeNull();
  });
});

describe("configMayHaveChanged", () => {
  it("is true when a listed commit touched the config, or when Gitea cut the list", () => {
    const five = ["1", "2", "3", "4", "5"].map((id) => ({ id, modified: ["a.ts"] }));
    expect(configMayHaveChanged(push({ commits: five, totalCommits: 5 }))).toBe(false);
    expect(configMayHaveChanged(push({ commits: five, totalCommits: 9 }))).toBe(true);
    const config = push({ commits: [{ id: "1", added: [".gitea/deferbot.yml"] }] });
    expect(configMayHaveChanged(config)).toBe(true);
  });
});
