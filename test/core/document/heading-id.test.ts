import { describe, expect, it } from "vitest";
import { compileIdMatcher, parseHeadingId } from "../../../src/core/document/heading-id.js";
import { DEFAULT_ID_PATTERN } from "../../../src/core/document/types.js";

const ids = compileIdMatcher(DEFAULT_ID_PATTERN);
const numbers = compileIdMatcher("\\d+");

describe("parseHeadingId", () => {
  it.each([
    [
      "MS-MED-006: SEC-WEB-16 - Add CSP",
      { id: "MS-MED-006", refs: ["SEC-WEB-16"], title: "Add CSP" },
    ],
    ["TD-07. Cache dir", { id: "TD-07", refs: [], title: "Cache dir" }],
    ["C-TXN-1 - Title", { id: "C-TXN-1", refs: [], title: "Title" }],
    ["C-TXN-1 — Title", { id: "C-TXN-1", refs: [], title: "Title" }],
    ["C-TXN-1 – Title", { id: "C-TXN-1", refs: [], title: "Title" }],
    ["**AB-1**: Bold ID", { id: "AB-1", refs: [], title: "Bold ID" }],
    ["`AB-1` - Code ID", { id: "AB-1", refs: [], title: "Code ID" }],
    ["AB-1", { id: "AB-1", refs: [], title: "" }],
    ["Tokens never expire (AUTH-9)", { id: "AUTH-9", refs: [], title: "Tokens never expire" }],
    ["Tokens (AUTH-9, SEC-2)", { id: "AUTH-9", refs: ["SEC-2"], title: "Tokens" }],
  ])("reads %j", (text, expected) => {
    expect(parseHeadingId(text, ids)).toEqual(expected);
  });

  it.each([
    "Just a heading",
    "AB-1x: not an ID",
    "AB-1 Title without separator",
    "Title (not an id)",
    "1. Numbered",
  ])("finds no ID in %j by default", (text) => {
    expect(parseHeadingId(text, ids)).toBeNull();
  });

  it("reads numbered headings with the pattern \\d+", () => {
    expect(parseHeadingId("1. MosAIc Stack", numbers)).toEqual({
      id: "1",
      refs: [],
      title: "MosAIc Stack",
    });
    expect(parseHeadingId("3. 44 report jobs", numbers)?.title).toBe("44 report jobs");
    expect(parseHeadingId("Audit Date: 2025-01-12", numbers)).toBeNull();
    expect(parseHeadingId("2024 plans", numbers)).toBeNull();
  });

  it("reads slug IDs", () => {
    const slugs = compileIdMatcher("deferred/[a-z0-9-]+");
    expect(parseHeadingId("deferred/repo-badge-cache", slugs)).toEqual({
      id: "deferred/repo-badge-cache",
      refs: [],
      title: "",
    });
    expect(parseHeadingId("deferred/<short-id>", slugs)).toBeNull();
  });

  it("rejects an invalid pattern when compiling", () => {
    expect(() => compileIdMatcher("(")).toThrow(SyntaxError);
  });
});
