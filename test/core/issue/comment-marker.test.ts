/** Comment markers (§3.2): one hidden first line on every bot comment, found again in a list. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG } from "../../../src/core/config/repo-config.js";
import { allTickedComment } from "../../../src/core/issue/all-steps-ticked.js";
import { renderChangeSummary } from "../../../src/core/issue/change-summary.js";
import {
  COMMENT_KINDS,
  commentMarker,
  findBotComment,
  markedComment,
  readCommentMarker,
} from "../../../src/core/issue/comment-marker.js";
import { seedContext } from "../../fixtures/issue/seed-findings.js";

const SHA = "3f2c9d0e8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e";

describe("comment markers", () => {
  it("has the SPEC's format", () => {
    expect(commentMarker({ kind: "removed", finding: "MS-MED-006", sha: SHA })).toBe(
      `<!-- deferbot:comment kind=removed finding=MS-MED-006 sha=${SHA} -->`,
    );
    expect(commentMarker({ kind: "preview" })).toBe("<!-- deferbot:comment kind=preview -->");
  });

  it("round-trips any finding ID and never lets it end the comment or forge a key", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...COMMENT_KINDS),
        fc.string({ unit: "grapheme" }),
        fc.string(),
        (kind, finding, sha) => {
          const marker = commentMarker({ kind, finding, sha });
          expect(marker.slice(4, -3)).not.toContain("--");
          expect(marker).toMatch(
            /^<!-- deferbot:comment kind=[a-z-]+ finding=[^\s<>]* sha=[^\s<>]* -->$/,
          );
          expect(readCommentMarker(`${marker}\ntext`)).toEqual({ kind, finding, sha });
        },
      ),
    );
    const hostile = "A --> <!-- deferbot:comment kind=twin finding=B";
    expect(readCommentMarker(markedComment({ kind: "removed", finding: hostile }, "x"))).toEqual({
      kind: "removed",
      finding: hostile,
    });
  });

  it("counts only a marker the comment starts with", () => {
    expect(readCommentMarker("quoted: <!-- deferbot:comment kind=removed -->")).toBeNull();
    expect(readCommentMarker("<!-- deferbot:comment kind=unknown -->")).toBeNull();
  });

  it("finds the bot's newest comment of a kind, finding and commit, never a person's", () => {
    const removed = markedComment({ kind: "removed", finding: "A-1", sha: SHA }, "Removed");
    const comments = [
      { id: 1, author: "deferbot", body: removed },
      { id: 2, author: "alice", body: removed },
      {
        id: 3,
        author: "DeferBot",
        body: markedComment({ kind: "removed", finding: "A-1", sha: "b" }, "R"),
      },
      { id: 4, author: "deferbot", body: "no marker" },
    ];
    expect(
      findBotComment(comments, { kind: "removed", finding: "A-1", sha: SHA }, "deferbot")?.id,
    ).toBe(1);
    expect(findBotComment(comments, { kind: "removed", finding: "A-1" }, "deferbot")?.id).toBe(3);
    expect(
      findBotComment(comments, { kind: "removed", finding: "A-2" }, "deferbot"),
    ).toBeUndefined();
    expect(findBotComment(comments.slice(1, 2), { kind: "removed" }, "deferbot")).toBeUndefined();
  });

  it("is on the change comment and the all-ticked comment", () => {
    const ctx = seedContext();
    const change = renderChangeSummary(
      "MS-MED-006",
      { checked: [], added: ["new step"], removed: [], reworded: [] },
      [],
      ctx,
    );
    expect(readCommentMarker(change ?? "")).toEqual({
      kind: "changed",
      finding: "MS-MED-006",
      sha: ctx.commitSha,
    });
    const ticked = allTickedComment("MS-MED-006", 3, DEFAULT_CONFIG);
    expect(readCommentMarker(ticked.comment)).toEqual({
      kind: "all-ticked",
      finding: "MS-MED-006",
    });
    expect(ticked.comment).toContain(
      "All 3 steps of MS-MED-006 are ticked. If the finding is fixed, comment `/deferbot resolve`: I will open a pull request that removes it from `docs/deferred-errors.md`, and merging it closes this issue.",
    );
  });
});
