/** renderNewIssue: the block's content, its determinism, and untrusted text from the document. */
import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG } from "../../../src/core/config/repo-config.js";
import type { Finding } from "../../../src/core/document/types.js";
import { parseIssueBody } from "../../../src/core/issue/parse-issue-body.js";
import { reconcileIssue } from "../../../src/core/issue/reconcile-issue.js";
import { renderNewIssue } from "../../../src/core/issue/render-issue.js";
import { readState } from "../../../src/core/issue/state-line.js";
import { MS_MED_006, MS_MED_008, seedContext } from "../../fixtures/issue/seed-findings.js";

const ctx = seedContext();

/** Lines Gitea's checklist counter counts (models/issues/issue.go: `- [ ] x` / `* [x] x`, any indent). */
function giteaChecklistCount(body: string): number {
  return body.match(/(^|\n)\s*[-*]\s\[[\sxX]\]\s./g)?.length ?? 0;
}

const HOSTILE =
  "Closes early --> then <!-- deferbot:end --> and <!-- step:abc --> and <!-- deferbot:finding id=X-1 --> and <!-- deferbot:state e30= -->";

const hostile: Finding = {
  ...MS_MED_006,
  title: "Hostile <!-- deferbot:end --> title",
  error: `Error ${HOSTILE}`,
  reason: `Reason ${HOSTILE}\n<!--\nhidden\n-->`,
  category: "Arch | itectural\nsecond line",
  steps: [
    {
      text: `Step one ${HOSTILE}`,
      details: "- [ ] nested task <!-- step:def -->\n- [x] done nested",
      line: 14,
    },
    { text: "Step two @alice", details: "", line: 17 },
  ],
  fields: [
    ...MS_MED_006.fields,
    { key: null, label: "Reviewer", value: "@bob -->", span: { startLine: 20, endLine: 20 } },
  ],
  hash: "hostile",
};

describe("renderNewIssue", () => {
  it("renders twice to byte-identical output (no timestamps)", () => {
    expect(renderNewIssue(MS_MED_006, ctx)).toEqual(renderNewIssue(MS_MED_006, ctx));
    expect(renderNewIssue(hostile, ctx).body).toBe(renderNewIssue(hostile, ctx).body);
  });

  it("is a managed block alone, which parses back to the finding, its steps and its state", () => {
    const issue = renderNewIssue(MS_MED_008, ctx);
    const parsed = parseIssueBody(issue.body);
    expect(parsed).toMatchObject({ status: "ok", findingId: "MS-MED-008", before: "", after: "" });
    expect(parsed.steps.map((s) => [s.text, s.checked])).toEqual(
      MS_MED_008.steps.map((s) => [s.text, false]),
    );
    expect(parsed.state).toEqual({
      v: 2,
      id: "MS-MED-008",
      hash: MS_MED_008.hash,
      sha: ctx.commitSha,
      title: issue.title,
      labels: issue.labels,
      closed: null,
      allTickedNotice: false,
      fields: expect.objectContaining({ Risk: "=Low" }),
    });
  });

  it("links the finding's lines in the document and the file's lines at the commit", () => {
    const body = renderNewIssue(MS_MED_008, ctx).body;
    const base = `https://git.example.com/acme/platform/src/commit/${ctx.commitSha}`;
    expect(body).toContain(`(${base}/docs/deferred-errors.md#L23-L34)`);
    expect(body).toContain(
      `[\`apps/orchestrator/src/spawner/agent-spawner.service.ts:19\`](${base}/apps/orchestrator/src/spawner/agent-spawner.service.ts#L19)`,
    );
    const ranged = {
      ...MS_MED_008,
      files: [{ path: "a b/x.ts", startLine: 19, endLine: 40 }, { path: "y.ts" }],
    };
    const rangedBody = renderNewIssue(ranged, ctx).body;
    expect(rangedBody).toContain(
      `| Files | [\`a b/x.ts:19-40\`](${base}/a%20b/x.ts#L19-L40), [\`y.ts\`](${base}/y.ts) |`,
    );
  });

  it("shows the approach as text when it has no steps, and the extra fields in order", () => {
    const prose: Finding = {
      ...MS_MED_006,
      steps: [],
      approachText: "Wait for the upstream fix.",
      fields: [
        ...MS_MED_006.fields,
        { key: null, label: "Status", value: "open", span: { startLine: 20, endLine: 20 } },
        {
          key: null,
          label: "Notes",
          value: "line one\n\n- a\n- b",
          span: { startLine: 21, endLine: 24 },
        },
      ],
    };
    const body = renderNewIssue(prose, ctx).body;
    expect(body).toContain(
      "### Remediation\n\nWait for the upstream fix.\n\n### Other fields\n\n**Status:** open\n\n**Notes:**\n\nline one\n\n- a\n- b\n\n<!-- deferbot:state",
    );
    expect(giteaChecklistCount(body)).toBe(0);
  });

  it("nests a step's details under it as plain Markdown, never as checkboxes", () => {
    const nested: Finding = {
      ...MS_MED_006,
      steps: [
        {
          text: "Audit sources",
          details: "- [ ] scripts\n- [x] styles\n  * [ ] fonts\n\n```sh\n- [ ] in code\n```",
          line: 14,
        },
        { text: "Report-only mode", details: "Run it for a week.", line: 20 },
      ],
    };
    const body = renderNewIssue(nested, ctx).body;
    expect(body).toContain("- [ ] Audit sources <!-- step:");
    expect(body).toContain(
      "-->\n  - scripts\n  - styles\n    * fonts\n\n  ```sh\n  - in code\n  ```\n- [ ] Report-only mode",
    );
    expect(body).toContain("- [ ] Report-only mode <!-- step:");
    expect(body).toMatch(/Report-only mode <!-- step:[0-9a-f]{8} -->\n\n {2}Run it for a week\.\n/);
    expect(giteaChecklistCount(body)).toBe(2);
  });

  it("closes a code fence left open in a field so it cannot swallow the checklist", () => {
    const open = { ...MS_MED_006, reason: "See:\n```ts\nconst x = 1;" };
    const body = renderNewIssue(open, ctx).body;
    expect(body).toContain("```ts\nconst x = 1;\n```\n\n### Remediation");
  });
});

describe("renderNewIssue with untrusted text", () => {
  it("cannot end the block, forge markers or open HTML comments, and parses back to the same finding", () => {
    const issue = renderNewIssue(hostile, ctx);
    const parsed = parseIssueBody(issue.body);
    expect(parsed.status).toBe("ok");
    expect(parsed.findingId).toBe(hostile.id);
    expect(parsed.steps).toHaveLength(2);
    expect(parsed.steps[0]?.text.replaceAll("\u200D", "")).toBe(`Step one ${HOSTILE}`);
    expect(parsed.state?.hash).toBe("hostile");
    expect(issue.body.match(/<!--/g)).toHaveLength(5); // start, two steps, state, end
    expect(issue.body.match(/-->/g)).toHaveLength(5);
    expect(giteaChecklistCount(issue.body)).toBe(2);
  });

  it("keeps the text readable: only zero-width joiners are added", () => {
    const body = renderNewIssue(hostile, ctx).body;
    expect(body.replaceAll("\u200D", "")).toContain(`### Error\n\nError ${HOSTILE}\n`);
  });

  it("re-reading a hostile issue writes nothing", () => {
    const issue = renderNewIssue(hostile, ctx);
    expect(
      reconcileIssue(issue, hostile, seedContext({ commitSha: "f".repeat(40) })).body,
    ).toBeNull();
  });

  it("neutralises @mentions unless the configuration allows them", () => {
    const body = renderNewIssue(hostile, ctx).body;
    expect(body).not.toMatch(/@(alice|bob)/);
    expect(body).toContain("@\u200Dalice");
    const allowed = renderNewIssue(
      hostile,
      seedContext({ config: { ...DEFAULT_CONFIG, mentions: true } }),
    ).body;
    expect(allowed).toContain("Step two @alice <!-- step:");
    expect(allowed).toContain("**Reviewer:** @bob -\u200D->");
  });

  it("leaves mentions inside code alone (Gitea does not notify from code)", () => {
    const coded = { ...MS_MED_006, error: "Run `npm i @types/node` then ping @carol" };
    const body = renderNewIssue(coded, ctx).body;
    expect(body).toContain("Run `npm i @types/node` then ping @\u200Dcarol");
  });

  it("escapes pipes and newlines in table cells", () => {
    const body = renderNewIssue(hostile, ctx).body;
    expect(body).toContain("| Category | Arch \\| itectural second line |");
  });

  it("keeps the state line free of `--` whatever the title holds", () => {
    const body = renderNewIssue({ ...hostile, title: "a -- b --> c ---" }, ctx).body;
    const stateLine = body.split("\n").find((l) => l.startsWith("<!-- deferbot:state ")) ?? "";
    expect(stateLine).toMatch(/^<!-- deferbot:state [A-Za-z0-9+/=]+ -->$/);
    expect(stateLine.slice(4, -3)).not.toContain("--");
    expect(readState(body)?.title).toBe("MS-MED-006: a -- b --> c ---");
  });
});
