import { describe, expect, it } from "vitest";
import { parseRepoConfig } from "../../../src/core/config/parse-repo-config.js";
import {
  currentDashboardBlock,
  withDashboardBlock,
} from "../../../src/core/dashboard/dashboard-body.js";
import { isDashboard } from "../../../src/core/dashboard/identify-dashboard.js";

const BLOCK = [
  "<!-- deferbot:dashboard document=docs%2Fdeferred-errors.md -->",
  "Overview of [`docs/deferred-errors.md`](https://x/src/branch/main/docs/deferred-errors.md) kept by deferbot. Old.",
  "",
  "| old | table |",
  "",
  "<!-- deferbot:dashboard-state eyJ2IjoxLCJjbG9zZWQiOm51bGx9 -->",
  "<!-- deferbot:dashboard-end -->",
].join("\n");
const NEW =
  "<!-- deferbot:dashboard document=docs%2Fdeferred-errors.md -->\nnew\n<!-- deferbot:dashboard-end -->";

describe("the dashboard body", () => {
  it("keeps people's bytes around the block, CRLF and all", () => {
    const body = `Team notes\r\n\r\n${BLOCK}\r\n\r\nAfter  \r\n`;
    expect(withDashboardBlock(body, NEW)).toBe(`Team notes\r\n\r\n${NEW}\r\n\r\nAfter  \r\n`);
    expect(currentDashboardBlock(body)).toBe(BLOCK);
  });

  it("a block whose end marker a person deleted ends at its state line", () => {
    const body = `${BLOCK.replace("\n<!-- deferbot:dashboard-end -->", "")}\n\nA note`;
    expect(withDashboardBlock(body, NEW)).toBe(`${NEW}\n\nA note`);
  });

  it("a block whose start marker a person deleted starts at its opening note", () => {
    const body = `Above\n\n${BLOCK.split("\n").slice(1).join("\n")}`;
    expect(withDashboardBlock(body, NEW)).toBe(`Above\n\n${NEW}`);
  });

  it("a body without a block gets it first, people's text after", () => {
    expect(withDashboardBlock("Just notes", NEW)).toBe(`${NEW}\n\nJust notes`);
    expect(isDashboard({ body: "Just notes" })).toBe(false);
    expect(isDashboard({ body: BLOCK })).toBe(true);
  });

  it("a marker quoted inside a line is a person's text, not the block", () => {
    expect(isDashboard({ body: "see `<!-- deferbot:dashboard document=x -->`" })).toBe(false);
  });
});

describe("the dashboard key", () => {
  it("defaults to on with 1,000 rows; false turns it off; a map sets title and maxRows", () => {
    expect(parseRepoConfig("").config.dashboard).toEqual({
      title: "Deferred findings dashboard",
      maxRows: 1000,
    });
    expect(parseRepoConfig("dashboard: false\n").config.dashboard).toBe(false);
    expect(parseRepoConfig("dashboard: true\n").config.dashboard).toEqual(
      parseRepoConfig("").config.dashboard,
    );
    expect(
      parseRepoConfig("dashboard:\n  title: Register\n  maxRows: 50\n").config.dashboard,
    ).toEqual({
      title: "Register",
      maxRows: 50,
    });
  });

  it("reports a wrong value or an unknown key with its line", () => {
    expect(parseRepoConfig("dashboard: 3\n").errors).toMatchObject([
      { key: "dashboard", reason: "must be true, false or a map with title and maxRows", line: 1 },
    ]);
    expect(parseRepoConfig("dashboard:\n  maxrows: 5\n").errors[0]).toMatchObject({
      key: "dashboard.maxrows",
      line: 2,
    });
  });

  it("takes aliases for the issue-field labels in fieldAliases", () => {
    const { config, errors } = parseRepoConfig(
      "fieldAliases:\n  assignee: [Responsible]\n  due: [Deadline]\n",
    );
    expect(errors).toEqual([]);
    expect(config.fieldAliases).toEqual({ assignee: ["Responsible"], due: ["Deadline"] });
  });
});
