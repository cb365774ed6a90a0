import { describe, expect, it } from "vitest";
import {
  COMMAND_NAMES,
  COMMANDS_NEEDING_WRITE,
  TRACKED_ONLY,
} from "../../../src/core/commands/command.js";
import { helpText } from "../../../src/core/commands/help-text.js";
import { parseCommands } from "../../../src/core/commands/parse-commands.js";

/** name + args + flags of each command, for compact tables. */
function brief(body: string, prefix?: string) {
  return parseCommands(body, prefix).map(({ name, args, flags }) => ({ name, args, flags }));
}

describe("parseCommands", () => {
  it.each([
    ["/deferbot help", "help"],
    ["/deferbot sync", "sync"],
    ["/deferbot refresh", "refresh"],
    ["/deferbot status", "status"],
    ["/deferbot ignore", "ignore"],
    ["/deferbot unignore", "unignore"],
    ["/deferbot resolve", "resolve"],
    ["/deferbot", "help"],
    ["/deferbot   ", "help"],
    ["/Deferbot SYNC", "sync"],
    ["   /deferbot status", "status"],
    ["/deferbot\tstatus", "status"],
  ])("reads %j as %s", (body, name) => {
    expect(brief(body)).toEqual([{ name, args: [], flags: {} }]);
  });

  it.each([
    ["text without a command"],
    ["/deferbotx sync"],
    ["/deferbot-sync"],
    ["/deferbot: sync"],
    ["please run /deferbot sync"],
    ["`/deferbot sync`"],
    ["> /deferbot sync"],
    ["   > /deferbot sync"],
    [">> /deferbot sync"],
    ["    /deferbot sync"],
    ["\t/deferbot sync"],
    ["- /deferbot sync"],
    ["<!-- /deferbot sync -->"],
    ["/bot sync"],
    [""],
  ])("finds no command in %j", (body) => {
    expect(parseCommands(body)).toEqual([]);
  });

  it("reads one command per line, with 1-based lines and the raw line, over CRLF", () => {
    const body = "Thanks!\r\n/deferbot sync\r\n  /deferbot status  \r\nbye\r\n/deferbot resolve";
    expect(parseCommands(body)).toEqual([
      { name: "sync", args: [], flags: {}, raw: "/deferbot sync", line: 2 },
      { name: "status", args: [], flags: {}, raw: "/deferbot status", line: 3 },
      { name: "resolve", args: [], flags: {}, raw: "/deferbot resolve", line: 5 },
    ]);
  });

  it("accepts lone CR line endings and a leading byte order mark", () => {
    expect(brief("\uFEFF/deferbot sync\r/deferbot help").map((c) => c.name)).toEqual([
      "sync",
      "help",
    ]);
  });

  it.each([
    ["/deferbot sync --allow-close-all", { allowCloseAll: true }],
    ["/deferbot sync --ALLOW-CLOSE-ALL", { allowCloseAll: true }],
    ["/deferbot sync —allow-close-all", { allowCloseAll: true }],
    ["/deferbot sync –allow-close-all", { allowCloseAll: true }],
    ["/deferbot sync --allow-close-all --allow-close-all", { allowCloseAll: true }],
  ])("reads the flag in %j", (body, flags) => {
    expect(brief(body)).toEqual([{ name: "sync", args: [], flags }]);
  });

  it("keeps words after the name as arguments, a lone dash included", () => {
    expect(brief("/deferbot ignore — false positive, see #12")).toEqual([
      { name: "ignore", args: ["—", "false", "positive,", "see", "#12"], flags: {} },
    ]);
  });

  it.each([
    ["/deferbot snyc", ["snyc"], 'unknown command "snyc"'],
    ["/deferbot close now", ["close", "now"], 'unknown command "close"'],
    ["/deferbot sync --dry-run", ["sync", "--dry-run"], 'unknown option "--dry-run" for sync'],
    ["/deferbot sync -f", ["sync", "-f"], 'unknown option "-f" for sync'],
    [
      "/deferbot resolve --allow-close-all",
      ["resolve", "--allow-close-all"],
      'unknown option "--allow-close-all" for resolve',
    ],
    ["/deferbot unknown", ["unknown"], 'unknown command "unknown"'],
  ])("reads %j as unknown, carrying what was typed", (body, args, problem) => {
    expect(parseCommands(body)).toEqual([
      { name: "unknown", args, flags: {}, raw: body, line: 1, problem },
    ]);
  });

  it("skips fenced code with backticks and tildes, up to the matching closing fence", () => {
    const body = [
      "```",
      "/deferbot sync",
      "~~~",
      "/deferbot status",
      "```",
      "/deferbot help",
      "~~~~ text",
      "/deferbot refresh",
      "~~~",
      "/deferbot refresh",
      "~~~~",
      "/deferbot ignore",
      "````md",
      "```",
      "/deferbot resolve",
      "````",
      "/deferbot unignore",
    ].join("\n");
    expect(parseCommands(body).map((c) => [c.name, c.line])).toEqual([
      ["help", 6],
      ["ignore", 12],
      ["unignore", 17],
    ]);
  });

  it("skips a fence opened in a list item, and treats an unclosed fence as running to the end", () => {
    expect(brief("- example:\n  ```\n  /deferbot sync\n  ```\n/deferbot help")).toEqual([
      { name: "help", args: [], flags: {} },
    ]);
    expect(parseCommands("```\n/deferbot sync\n")).toEqual([]);
  });

  it("does not take inline code with three backticks for a fence", () => {
    expect(brief("```inline``` code\n/deferbot sync").map((c) => c.name)).toEqual(["sync"]);
  });

  it("skips lines inside a multi-line HTML comment", () => {
    expect(brief("<!--\n/deferbot sync\n-->\n/deferbot status").map((c) => c.name)).toEqual([
      "status",
    ]);
  });

  it("reads a command right after a quote (the quote ends at the blank line a reply leaves)", () => {
    const body = "> /deferbot sync\n> said someone\n\n/deferbot status";
    expect(parseCommands(body).map((c) => [c.name, c.line])).toEqual([["status", 4]]);
  });

  it.each([
    ["/bot", "/bot sync\n/deferbot sync", ["sync"]],
    ["/db.x", "/db.x help\n/dbxx help", ["help"]],
    ["/a+b", "/a+b status\n/aab status", ["status"]],
  ])("uses a configured prefix %s literally", (prefix, body, names) => {
    expect(brief(body, prefix).map((c) => c.name)).toEqual(names);
  });

  it("returns every command of a comment, repeats included, in order", () => {
    const body = "/deferbot sync\n/deferbot sync\n/deferbot nope\n/deferbot help";
    expect(parseCommands(body).map((c) => c.name)).toEqual(["sync", "sync", "unknown", "help"]);
  });
});

describe("command sets", () => {
  it("lists the commands needing write access and those needing a tracking issue", () => {
    expect([...COMMANDS_NEEDING_WRITE].sort()).toEqual(
      ["ignore", "refresh", "resolve", "sync", "unignore"].sort(),
    );
    expect([...TRACKED_ONLY].sort()).toEqual(
      ["ignore", "refresh", "resolve", "status", "unignore"].sort(),
    );
  });
});

describe("helpText", () => {
  it("lists every command once, with the prefix given", () => {
    const text = helpText("/bot");
    const lines = text.split("\n");
    expect(lines).toHaveLength(COMMAND_NAMES.length);
    for (const [index, name] of COMMAND_NAMES.entries()) {
      expect(lines[index]).toMatch(new RegExp(`^- \`/bot ${name}[\` ]`));
    }
    expect(text).toContain("`/bot sync [--allow-close-all]`");
    expect(text).not.toContain("/deferbot");
  });

  it("says which commands need write access and a tracking issue", () => {
    const lines = helpText().split("\n");
    const line = (name: string) => lines.find((l) => l.startsWith(`- \`/deferbot ${name}`)) ?? "";
    expect(line("help")).not.toMatch(/write access|tracking issues/);
    expect(line("sync")).toMatch(/needs write access/);
    expect(line("sync")).not.toMatch(/tracking issues only/);
    expect(line("status")).toMatch(/tracking issues only/);
    expect(line("status")).not.toMatch(/write access/);
    expect(line("resolve")).toMatch(/tracking issues only; needs write access/);
    expect(line("ignore")).toContain("`deferbot/ignored`");
  });

  it("holds no command itself, so a reply quoting it runs nothing", () => {
    expect(parseCommands(helpText())).toEqual([]);
  });

  it("round-trips: every usage in the help parses back to its command", () => {
    const usages = [...helpText().matchAll(/`(\/deferbot [^`]+)`/g)].map((m) =>
      (m[1] ?? "").replace(/\[(--[a-z-]+)\]/, "$1"),
    );
    expect(parseCommands(usages.join("\n")).map((c) => c.name)).toEqual([...COMMAND_NAMES]);
  });
});
