import { describe, expect, it } from "vitest";
import { DEFAULT_ID_PATTERN } from "../../../src/core/document/types.js";
import { findingIdFromTitle } from "../../../src/core/issue/find-id-from-title.js";

describe("findingIdFromTitle", () => {
  it("reads the ID a bot title starts with", () => {
    expect(findingIdFromTitle("MS-MED-006: Add CSP", DEFAULT_ID_PATTERN)).toBe("MS-MED-006");
    expect(findingIdFromTitle("  TD-07 : x", DEFAULT_ID_PATTERN)).toBe("TD-07");
  });

  it("is null for titles that do not start with `ID:`", () => {
    expect(findingIdFromTitle("Add CSP (MS-MED-006)", DEFAULT_ID_PATTERN)).toBeNull();
    expect(findingIdFromTitle("MS-MED-006 Add CSP", DEFAULT_ID_PATTERN)).toBeNull();
  });

  it("takes the configured pattern, and is null for an invalid one", () => {
    expect(findingIdFromTitle("12: Numbered", "\\d+")).toBe("12");
    expect(findingIdFromTitle("12: Numbered", "(")).toBeNull();
  });
});
