import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  configDiagnostics,
  formatConfigErrors,
} from "../../../src/core/config/format-config-errors.js";
import {
  CONFIG_PATHS,
  type ConfigError,
  parseRepoConfig,
} from "../../../src/core/config/parse-repo-config.js";
import { DEFAULT_CONFIG } from "../../../src/core/config/repo-config.js";
import { PROJECT_ROOT } from "../../support/shared.js";

const fixture = (name: string) =>
  readFileSync(join(PROJECT_ROOT, "test/fixtures/config", name), "utf8");

describe("parseRepoConfig", () => {
  it.each([
    ["an empty file", ""],
    ["blank lines", "\n\n  \n"],
    ["only comments", "# deferbot settings\n# none yet\n"],
    ["an explicit null document", "~\n"],
  ])("gives the defaults and no error for %s", (_, text) => {
    expect(parseRepoConfig(text)).toEqual({ config: DEFAULT_CONFIG, errors: [] });
  });

  it("reads every key of a full file", () => {
    expect(parseRepoConfig(fixture("full.yml"))).toEqual({
      errors: [],
      config: {
        document: "docs/tech-debt.md",
        idPattern: "\\d+",
        fieldAliases: { file: ["Component"], risk: ["Likelihood", "Blast radius"] },
        riskLevels: ["blocker", "major", "minor"],
        labels: { bot: "tech-debt", risk: false, category: true },
        title: "[{id}] {title}",
        maxCreates: 50,
        commandPrefix: "/debt",
        closeRemoved: false,
        reopenReadded: false,
        mentions: true,
        references: false,
        maxBytes: 1048576,
        dashboard: DEFAULT_CONFIG.dashboard,
      },
    });
  });

  it("fills the keys a file leaves out from the defaults, labels one by one", () => {
    const { config, errors } = parseRepoConfig("labels:\n  risk: false\nmaxCreates: 10\n");
    expect(errors).toEqual([]);
    expect(config).toEqual({
      ...DEFAULT_CONFIG,
      labels: { ...DEFAULT_CONFIG.labels, risk: false },
      maxCreates: 10,
    });
  });

  it("accepts CRLF line endings and a byte order mark", () => {
    const { config, errors } = parseRepoConfig("\uFEFFdocument: a.md\r\nmentions: true\r\n");
    expect(errors).toEqual([]);
    expect(config).toMatchObject({ document: "a.md", mentions: true });
  });

  it("uses nothing from a file with one bad key", () => {
    const { config, errors } = parseRepoConfig("mentions: true\ndocument: a.md\nmaxCreates: 0\n");
    expect(config).toBe(DEFAULT_CONFIG);
    expect(errors.map((error) => error.key)).toEqual(["maxCreates"]);
  });

  it("trims text values", () => {
    expect(parseRepoConfig('title: "  {id} - {title} "').config.title).toBe("{id} - {title}");
  });

  it("does not share the default objects with the config it returns", () => {
    const { config } = parseRepoConfig("mentions: true");
    config.labels.bot = "changed";
    config.riskLevels.push("changed");
    expect(DEFAULT_CONFIG.labels.bot).toBe("deferred-error");
    expect(DEFAULT_CONFIG.riskLevels).not.toContain("changed");
  });

  it.each<[string, string, Partial<ConfigError>]>([
    ["document: 7", "document", { reason: expect.stringMatching(/^must be a path/) }],
    ["document: ''", "document", { reason: "must not be empty" }],
    ["document:", "document", { reason: expect.stringMatching(/^must be a path/) }],
    ["document: /etc/passwd", "document", { reason: expect.stringMatching(/leading \//) }],
    ["document: ../other/x.md", "document", { reason: expect.stringMatching(/\.\. segments/) }],
    ["document: docs//x.md", "document", { reason: expect.stringMatching(/empty/) }],
    ["document: docs\\x.md", "document", { reason: "must use / between folders" }],
    ["document: docs/", "document", { reason: "must name a file, not a folder" }],
    [
      "idPattern: '[A-Z'",
      "idPattern",
      { reason: expect.stringMatching(/valid regular expression/) },
    ],
    [
      "idPattern: 'a)(b'",
      "idPattern",
      { reason: expect.stringMatching(/valid regular expression/) },
    ],
    ["idPattern: '\\d*'", "idPattern", { reason: "must not match the empty string" }],
    ["idPattern: 'A|'", "idPattern", { reason: "must not match the empty string" }],
    [
      "idPattern: '(?<id>X)-[0-9]+'",
      "idPattern",
      { reason: expect.stringMatching(/valid regular expression/) },
    ],
    ["idPattern: '^\\d+'", "idPattern", { reason: expect.stringMatching(/\^ or \$/) }],
    ["idPattern: '\\d+$'", "idPattern", { reason: expect.stringMatching(/\^ or \$/) }],
    [
      "idPattern: '([A-Z])\\1-\\d+'",
      "idPattern",
      { reason: expect.stringMatching(/numbered backreferences/) },
    ],
    ["fieldAliases: [File]", "fieldAliases", { reason: expect.stringMatching(/^must be a map/) }],
    [
      "fieldAliases:\n  file: Component",
      "fieldAliases.file",
      { reason: "must be a list of labels", line: 2 },
    ],
    [
      "fieldAliases:\n  file: ['Path:']",
      "fieldAliases.file[0]",
      { reason: expect.stringMatching(/colon/), line: 2 },
    ],
    [
      "fieldAliases:\n  file: ['']",
      "fieldAliases.file[0]",
      { reason: "must not be empty", line: 2 },
    ],
    ["riskLevels: high", "riskLevels", { reason: expect.stringMatching(/^must be a list/) }],
    ["riskLevels: []", "riskLevels", { reason: "must list at least one level" }],
    [
      "riskLevels: [high, 'very high']",
      "riskLevels[1]",
      { reason: expect.stringMatching(/single word/) },
    ],
    ["riskLevels: [High, high]", "riskLevels", { reason: "lists high twice" }],
    [
      "riskLevels:\n  - high\n  - 3",
      "riskLevels[1]",
      { reason: expect.stringMatching(/^must be a single word/), line: 3 },
    ],
    ["labels: deferred", "labels", { reason: expect.stringMatching(/^must be a map/) }],
    ["labels:\n  bot: ''", "labels.bot", { reason: "must not be empty", line: 2 }],
    ["labels:\n  risk: yes", "labels.risk", { reason: "must be true or false", line: 2 }],
    ["labels:\n  category: 1", "labels.category", { reason: "must be true or false", line: 2 }],
    ["title: '{title}'", "title", { reason: "must contain {id}" }],
    [
      "title: '{id}: {titel}'",
      "title",
      { reason: expect.stringMatching(/unknown placeholder \{titel\}/) },
    ],
    ["maxCreates: 0", "maxCreates", { reason: "must be a positive integer" }],
    ["maxCreates: -3", "maxCreates", { reason: "must be a positive integer" }],
    ["maxCreates: 2.5", "maxCreates", { reason: "must be a positive integer" }],
    ["maxCreates: '500'", "maxCreates", { reason: "must be a positive integer" }],
    ["maxCreates: .inf", "maxCreates", { reason: "must be a positive integer" }],
    ["maxCreates: 5001", "maxCreates", { reason: "must be at most 5000" }],
    [
      "commandPrefix: deferbot",
      "commandPrefix",
      { reason: expect.stringMatching(/must start with \//) },
    ],
    ["commandPrefix: /defer bot", "commandPrefix", { reason: expect.stringMatching(/no spaces/) }],
    ["commandPrefix: /", "commandPrefix", { reason: expect.stringMatching(/must start with \//) }],
    ["closeRemoved: 'false'", "closeRemoved", { reason: "must be true or false" }],
    ["reopenReadded: no", "reopenReadded", { reason: "must be true or false" }],
    ["mentions: null", "mentions", { reason: "must be true or false" }],
    ["maxBytes: 20000000", "maxBytes", { reason: expect.stringMatching(/at most 10485760/) }],
  ])("reports %j as an error of %s, and uses the defaults", (text, key, expected) => {
    const { config, errors } = parseRepoConfig(`# settings\n${text}\n`);
    expect(config).toBe(DEFAULT_CONFIG);
    // The snippet follows a first line, so its lines are one further down.
    const { line = 1, ...rest } = expected;
    expect(errors).toEqual([
      { key, code: "config-invalid-value", column: expect.any(Number), ...rest, line: line + 1 },
    ]);
  });

  it.each([
    ["docment: x.md", "docment", "is not a known key (did you mean document?)", 1],
    ["CommandPrefix: /x", "CommandPrefix", "is not a known key (did you mean commandPrefix?)", 1],
    ["mention: true", "mention", "is not a known key (did you mean mentions?)", 1],
    ["color: red", "color", expect.stringMatching(/^is not a known key \(known: document, /), 1],
    ["labels:\n  bots: x", "labels.bots", "is not a known key (did you mean bot?)", 2],
    [
      "fieldAliases:\n  owner: [Owner]",
      "fieldAliases.owner",
      "is not a known key (known: file, error, category, reason, approach, risk, assignee, due, blockedBy, milestone)",
      2,
    ],
  ])("reports the unknown key in %j", (text, key, reason, line) => {
    expect(parseRepoConfig(text)).toEqual({
      config: DEFAULT_CONFIG,
      errors: [{ key, code: "config-unknown-key", reason, line, column: line === 1 ? 1 : 3 }],
    });
  });

  it("reports every error of a file, each with its line", () => {
    const text = "document: /abs.md\nmaxCreates: 0\nlabels:\n  bot: 5\n  extra: 1\n";
    const { errors } = parseRepoConfig(text);
    expect(errors).toHaveLength(4);
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: "document", line: 1, column: 1 }),
        expect.objectContaining({ key: "maxCreates", line: 2, column: 1 }),
        expect.objectContaining({ key: "labels.bot", line: 4, column: 3 }),
        expect.objectContaining({ key: "labels.extra", line: 5, column: 3 }),
      ]),
    );
  });

  it.each([
    ["a syntax error", "document: docs/x.md\nlabels: [bot\nmaxCreates: 3\n", /^invalid YAML: /, 3],
    [
      "a duplicate key",
      "mentions: true\nmentions: false\n",
      /^invalid YAML: Map keys must be unique/,
      2,
    ],
    ["a tab indentation", "labels:\n\tbot: x\n", /^invalid YAML: /, 2],
    [
      "two documents",
      "mentions: true\n---\nmentions: false\n",
      /^invalid YAML: .*multiple documents/,
      2,
    ],
  ])("reports %s with its line and uses the defaults", (_, text, reason, line) => {
    const { config, errors } = parseRepoConfig(text);
    expect(config).toBe(DEFAULT_CONFIG);
    expect(errors[0]).toEqual({
      key: "(file)",
      code: "config-yaml",
      reason: expect.stringMatching(reason),
      line,
      column: expect.any(Number),
    });
    expect(errors[0]?.reason).not.toMatch(/\n|at line/);
  });

  it.each([
    ["a list", "- document: x.md\n"],
    ["a scalar", "just text\n"],
  ])("reports a file that is %s instead of a map", (_, text) => {
    expect(parseRepoConfig(text)).toEqual({
      config: DEFAULT_CONFIG,
      errors: [
        {
          key: "(file)",
          code: "config-not-a-map",
          reason: expect.stringMatching(/^must be a map of keys/),
          line: 1,
          column: 1,
        },
      ],
    });
  });

  it("reports a file whose aliases expand too far instead of expanding them", () => {
    const lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 10; i++)
      lines.push(
        `a${i}: &a${i} [${Array(10)
          .fill(`*a${i - 1}`)
          .join(", ")}]`,
      );
    const { config, errors } = parseRepoConfig(lines.join("\n"));
    expect(config).toBe(DEFAULT_CONFIG);
    expect(errors).toEqual([
      {
        key: "(file)",
        code: "config-yaml",
        reason: expect.stringMatching(/^invalid YAML: /),
        line: 1,
        column: 1,
      },
    ]);
  });

  it("reads from .gitea first, then .github", () => {
    expect(CONFIG_PATHS).toEqual([".gitea/deferbot.yml", ".github/deferbot.yml"]);
  });
});

describe("formatConfigErrors", () => {
  const errors: ConfigError[] = [
    {
      key: "maxCreates",
      code: "config-invalid-value",
      reason: "must be a positive integer",
      line: 7,
      column: 1,
    },
    { key: "title", reason: "must contain {id}" },
    {
      key: "(file)",
      code: "config-yaml",
      reason: "invalid YAML: Map keys must be unique",
      line: 3,
    },
  ];

  it("writes one line for a commit status: the first error and how many more", () => {
    expect(formatConfigErrors(errors.slice(0, 1), ".gitea/deferbot.yml")).toBe(
      ".gitea/deferbot.yml:7:1: maxCreates: must be a positive integer",
    );
    expect(formatConfigErrors(errors.slice(1, 2), ".github/deferbot.yml")).toBe(
      ".github/deferbot.yml: title: must contain {id}",
    );
    expect(formatConfigErrors(errors, ".gitea/deferbot.yml", "line")).toBe(
      ".gitea/deferbot.yml:7:1: maxCreates: must be a positive integer (and 2 more)",
    );
    expect(formatConfigErrors(errors.slice(2), "x.yml")).toBe(
      "x.yml:3: invalid YAML: Map keys must be unique",
    );
    expect(formatConfigErrors([], "x.yml")).toBe("");
  });

  it("writes a Markdown list for a comment, one error per item", () => {
    expect(formatConfigErrors(errors, ".gitea/deferbot.yml", "markdown")).toBe(
      [
        "- `.gitea/deferbot.yml` line 7, column 1: `maxCreates`: must be a positive integer",
        "- `.gitea/deferbot.yml`: `title`: must contain {id}",
        "- `.gitea/deferbot.yml` line 3: invalid YAML: Map keys must be unique",
      ].join("\n"),
    );
  });

  it("writes one line per error for the command line, in the shape of a document's", () => {
    expect(formatConfigErrors(errors, "x.yml", "text").split("\n")).toEqual([
      "x.yml:7:1 error config-invalid-value maxCreates: must be a positive integer",
      "x.yml:1:1 error config-unreadable title: must contain {id}",
      "x.yml:3:1 error config-yaml invalid YAML: Map keys must be unique",
    ]);
  });

  it("gives --json the document's diagnostic shape plus the key", () => {
    expect(configDiagnostics(errors.slice(0, 1))).toEqual([
      {
        severity: "error",
        code: "config-invalid-value",
        key: "maxCreates",
        message: "must be a positive integer",
        line: 7,
        column: 1,
      },
    ]);
  });
});

describe("a configuration with three mistakes", () => {
  const path = ".gitea/deferbot.yml";
  const { config, errors } = parseRepoConfig(fixture("three-mistakes.yml"));

  it("yields all three, each with its key, line and column, and none of the file is used", () => {
    expect(config).toBe(DEFAULT_CONFIG);
    expect(
      configDiagnostics(errors).map(({ key, line, column, code }) => ({ key, line, column, code })),
    ).toEqual([
      { key: "idPattern", line: 2, column: 1, code: "config-invalid-value" },
      { key: "maxCreates", line: 3, column: 1, code: "config-invalid-value" },
      { key: "labels.risk", line: 5, column: 3, code: "config-invalid-value" },
    ]);
  });

  it("is written whole for the command line and a comment, and as the first and 2 more for a status", () => {
    expect(formatConfigErrors(errors, path, "text").split("\n")).toEqual([
      `${path}:2:1 error config-invalid-value idPattern: must not contain ^ or $ (it is matched inside the heading)`,
      `${path}:3:1 error config-invalid-value maxCreates: must be a positive integer`,
      `${path}:5:3 error config-invalid-value labels.risk: must be true or false`,
    ]);
    expect(formatConfigErrors(errors, path, "markdown").split("\n")).toEqual([
      `- \`${path}\` line 2, column 1: \`idPattern\`: must not contain ^ or $ (it is matched inside the heading)`,
      `- \`${path}\` line 3, column 1: \`maxCreates\`: must be a positive integer`,
      `- \`${path}\` line 5, column 3: \`labels.risk\`: must be true or false`,
    ]);
    expect(formatConfigErrors(errors, path)).toBe(
      `${path}:2:1: idPattern: must not contain ^ or $ (it is matched inside the heading) (and 2 more)`,
    );
  });
});
