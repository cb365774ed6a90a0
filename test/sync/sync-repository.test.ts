/** SPEC §3.4, row by row, against the Gitea fake over loopback HTTP. */
import { describe, expect, it } from "vitest";
import type { RequestRecord } from "../support/gitea-fake/index.js";
import { useGiteaFake } from "../support/gitea-fake/vitest.js";
import { type FindingSpec, findingSpec, renderRegister } from "../support/register.js";
import { BOT, DOC, harness, REPO } from "../support/sync-harness.js";

const gitea = useGiteaFake();
const R = "/repos/{owner}/{repo}";

/** Requests on one issue (its reads, comments and writes) as `METHOD template`, in order. */
function onIssues(requests: RequestRecord[]): string[] {
  return requests
    .filter((r) => r.route?.includes("/issues/{index}"))
    .map((r) => r.route ?? `${r.method} ${r.path}`);
}

/** Non-GET requests as `METHOD template`, in order. */
function writes(requests: RequestRecord[]): string[] {
  return requests.filter((r) => r.method !== "GET").map((r) => r.route ?? `${r.method} ${r.path}`);
}

function tick(body: string, stepIndex: number): string {
  let seen = -1;
  return body.replace(/^- \[ \] /gm, (match) => (++seen === stepIndex ? "- [x] " : match));
}

const three = [findingSpec(1), findingSpec(2), findingSpec(3)];

/** A harness whose first sync of `specs` is done. */
async function synced(specs: FindingSpec[] = three) {
  const h = harness(gitea.fake);
  h.commit(renderRegister(specs));
  await h.sync();
  return h;
}

describe("a finding with no issue", () => {
  it("gets one issue, with its labels given by ID in the create, and a success status", async () => {
    const h = harness(gitea.fake);
    const sha = h.commit(renderRegister(three));
    const result = await h.sync();

    expect(result.status).toEqual({
      state: "success",
      description: "3 created, 0 updated, 0 closed, 0 unchanged",
    });
    expect(h.issues().map((i) => i.title)).toEqual(
      expect.arrayContaining(three.map((f) => `${f.id}: ${f.title}`)),
    );
    for (const spec of three) expect(h.issuesFor(spec.id)).toHaveLength(1);
    const first = h.issuesFor("TD-001")[0];
    expect(first && h.labelsOf(first)).toEqual(["deferred-error", "risk/low", "category/security"]);
    expect(first?.author).toBe(BOT);
    const status = h.fake.repo(REPO).statuses.at(-1);
    expect(status).toMatchObject({ sha, context: "deferbot", state: "success" });
  });

  it("first sync of N findings: 1 raw document read, 1 listing page, labels listed once, N creates, 1 status", async () => {
    const h = await synced();
    const f = h.fake;
    expect(f.count({ route: `GET ${R}/raw/{filepath}`, path: `/repos/${REPO}/raw/${DOC}` })).toBe(
      1,
    );
    expect(
      f.count({ route: `GET ${R}/contents/{filepath}`, path: `/repos/${REPO}/contents/${DOC}` }),
    ).toBe(0);
    expect(f.count({ route: `GET ${R}/issues` })).toBe(1);
    expect(f.count({ route: `GET ${R}/labels` })).toBe(1);
    expect(f.count({ route: `POST ${R}/issues` })).toBe(3);
    expect(f.count({ route: `GET ${R}/issues/{index}` })).toBe(0);
    // Label setup: deferred-error, risk/low, risk/high, category/security, category/architectural.
    expect(f.count({ route: `POST ${R}/labels` })).toBe(5);
    expect(writes(f.requests).filter((w) => !w.endsWith("/labels"))).toEqual([
      `POST ${R}/issues`,
      `POST ${R}/issues`,
      `POST ${R}/issues`,
      `POST ${R}/statuses/{sha}`,
    ]);
  });
});

describe("a finding present and unchanged", () => {
  it("writes nothing to any issue, even after another finding moved and the commit changed", async () => {
    const h = await synced();
    h.commit(renderRegister([findingSpec(3), findingSpec(1), findingSpec(2)]));
    h.fake.resetRequests();
    const result = await h.sync();
    expect(writes(h.fake.requests)).toEqual([`POST ${R}/statuses/{sha}`]);
    expect(result.status.description).toBe("0 created, 0 updated, 0 closed, 3 unchanged");
  });
});

describe("a finding present and changed, issue open", () => {
  it("one PATCH for a reworded error; no other issue touched", async () => {
    const h = await synced();
    const before = h.issuesFor("TD-001")[0]?.body;
    h.commit(
      renderRegister([
        findingSpec(1),
        findingSpec(2, { error: "A new error text" }),
        findingSpec(3),
      ]),
    );
    h.fake.resetRequests();
    await h.sync();
    expect(writes(h.fake.requests)).toEqual([
      `PATCH ${R}/issues/{index}`,
      `POST ${R}/statuses/{sha}`,
    ]);
    expect(h.fake.count({ route: `GET ${R}/issues/{index}` })).toBe(1);
    expect(h.issuesFor("TD-002")[0]?.body).toContain("A new error text");
    expect(h.issuesFor("TD-001")[0]?.body).toBe(before);
  });

  it("a risk change swaps the bot's risk label in one labels call and keeps a person's label", async () => {
    const h = await synced([findingSpec(1)]);
    const issue = h.issuesFor("TD-001")[0];
    if (!issue) throw new Error("no issue");
    const person = h.fake.addLabel(REPO, { name: "team/payments" });
    issue.labelIds.push(person.id);
    h.commit(renderRegister([findingSpec(1, { risk: "Critical — exploitable" })]));
    h.fake.resetRequests();
    await h.sync();
    expect(writes(h.fake.requests).filter((w) => !w.startsWith(`POST ${R}/labels`))).toEqual([
      `PATCH ${R}/issues/{index}`,
      `PUT ${R}/issues/{index}/labels`,
      `POST ${R}/statuses/{sha}`,
    ]);
    expect(h.labelsOf(issue).sort()).toEqual(
      ["category/security", "deferred-error", "risk/critical", "team/payments"].sort(),
    );
  });

  it("keeps ticks, and comments once with what changed when ticks exist", async () => {
    const h = await synced([findingSpec(1)]);
    const issue = h.issuesFor("TD-001")[0];
    if (!issue) throw new Error("no issue");
    issue.body = tick(issue.body, 0);
    const steps = findingSpec(1).steps ?? [];
    h.commit(
      renderRegister([findingSpec(1, { steps: [...steps, "Document the new error type"] })]),
    );
    h.fake.resetRequests();
    await h.sync();
    expect(writes(h.fake.requests)).toEqual([
      `PATCH ${R}/issues/{index}`,
      `POST ${R}/issues/{index}/comments`,
      `POST ${R}/statuses/{sha}`,
    ]);
    expect(issue.body).toMatch(/^- \[x\] Add a typed error for module 1/m);
    expect(issue.body).toMatch(/^- \[ \] Document the new error type/m);
    expect(h.commentsOn(issue.number).join("\n")).toContain("Document the new error type");
  });

  it("no comment when nobody ticked anything", async () => {
    const h = await synced([findingSpec(1)]);
    h.commit(renderRegister([findingSpec(1, { steps: ["Only one step now"] })]));
    h.fake.resetRequests();
    await h.sync();
    expect(writes(h.fake.requests)).toEqual([
      `PATCH ${R}/issues/{index}`,
      `POST ${R}/statuses/{sha}`,
    ]);
  });
});

describe("a finding present, issue closed by a person or ignored", () => {
  it("stays closed with its body untouched and is counted", async () => {
    const h = await synced();
    const issue = h.issuesFor("TD-002")[0];
    if (!issue) throw new Error("no issue");
    issue.state = "closed";
    const body = issue.body;
    h.commit(
      renderRegister([findingSpec(1), findingSpec(2, { error: "changed" }), findingSpec(3)]),
    );
    h.fake.resetRequests();
    const result = await h.sync();
    expect(issue.state).toBe("closed");
    expect(issue.body).toBe(body);
    expect(writes(h.fake.requests)).toEqual([`POST ${R}/statuses/{sha}`]);
    expect(result.status.description).toBe(
      "0 created, 0 updated, 0 closed, 2 unchanged, 1 closed on the tracker but still in the document",
    );
  });
});

describe("a finding removed from the document", () => {
  it("comments `Removed from … in <sha>` and closes: 1 comment + 1 PATCH", async () => {
    const h = await synced();
    const sha = h.commit(renderRegister([findingSpec(1), findingSpec(3)]));
    h.fake.resetRequests();
    const result = await h.sync();
    const issue = h.issuesFor("TD-002")[0];
    expect(issue?.state).toBe("closed");
    expect(h.commentsOn(issue?.number ?? 0)).toEqual([
      `<!-- deferbot:comment kind=removed finding=TD-002 sha=${sha} -->\nRemoved from ${DOC} in ${sha}.`,
    ]);
    expect(writes(h.fake.requests)).toEqual([
      `POST ${R}/issues/{index}/comments`,
      `PATCH ${R}/issues/{index}`,
      `POST ${R}/statuses/{sha}`,
    ]);
    expect(result.status.description).toBe("0 created, 0 updated, 1 closed, 2 unchanged");
    // §3.4 Calls: close = 2 writes + 1 re-read, the comment first and the PATCH built from the
    // re-read right after it; no comment read, as the listing said the issue had no comments.
    expect(onIssues(h.fake.requests)).toEqual([
      `POST ${R}/issues/{index}/comments`,
      `GET ${R}/issues/{index}`,
      `PATCH ${R}/issues/{index}`,
    ]);
  });

  it("is reopened with a comment when it comes back", async () => {
    const h = await synced();
    h.commit(renderRegister([findingSpec(1), findingSpec(3)]));
    await h.sync();
    h.commit(renderRegister(three));
    h.fake.resetRequests();
    const result = await h.sync();
    const issue = h.issuesFor("TD-002")[0];
    expect(issue?.state).toBe("open");
    expect(h.commentsOn(issue?.number ?? 0).at(-1)).toMatch(/TD-002 is back in .*Reopening/);
    expect(writes(h.fake.requests)).toEqual([
      `POST ${R}/issues/{index}/comments`,
      `PATCH ${R}/issues/{index}`,
      `POST ${R}/statuses/{sha}`,
    ]);
    // §3.4 Calls: reopen = 2 writes; its state read (an `ignore` since the listing stands), the
    // comments read once (it has the removal comment) to post its comment once, the re-read, the PATCH.
    expect(onIssues(h.fake.requests)).toEqual([
      `GET ${R}/issues/{index}`,
      `GET ${R}/issues/{index}/comments`,
      `POST ${R}/issues/{index}/comments`,
      `GET ${R}/issues/{index}`,
      `PATCH ${R}/issues/{index}`,
    ]);
    expect(result.plan.summary.reopened).toBe(1);
    expect(h.issuesFor("TD-002")).toHaveLength(1);
  });

  it("an issue closed by a person is not reopened when the finding is re-added", async () => {
    const h = await synced();
    const issue = h.issuesFor("TD-002")[0];
    if (!issue) throw new Error("no issue");
    issue.state = "closed";
    h.commit(renderRegister([findingSpec(1), findingSpec(3)]));
    await h.sync();
    h.commit(renderRegister(three));
    await h.sync();
    expect(issue.state).toBe("closed");
    expect(h.commentsOn(issue.number)).toEqual([]);
  });
});

describe("an issue whose block a person deleted", () => {
  it("keeps the close record when removed, so it is reopened and repaired when re-added", async () => {
    const h = await synced();
    const issue = h.issuesFor("TD-002")[0];
    if (!issue) throw new Error("no issue");
    issue.body = "Our notes; the generated part is gone.";
    h.commit(renderRegister([findingSpec(1), findingSpec(3)]));
    await h.sync();
    expect(issue.state).toBe("closed");
    expect(issue.body.startsWith("Our notes; the generated part is gone.")).toBe(true);
    h.commit(renderRegister(three));
    const result = await h.sync();
    expect(result.plan.summary.reopened).toBe(1);
    expect(issue.state).toBe("open");
    expect(issue.body).toContain("Our notes; the generated part is gone.");
    expect(issue.body).toMatch(/^- \[ \] Add a typed error for module 2/m);
    expect(h.issues()).toHaveLength(3);
  });
});

describe("the document deleted, or left with zero findings", () => {
  it("closes nothing, fails the status saying why; --allow-close-all closes them", async () => {
    const h = await synced();
    h.fake.deleteFile(REPO, DOC);
    h.fake.resetRequests();
    const blocked = await h.sync();
    expect(writes(h.fake.requests)).toEqual([`POST ${R}/statuses/{sha}`]);
    expect(blocked.status.state).toBe("failure");
    expect(blocked.status.description).toMatch(/missing.*3 open issues.*--allow-close-all/);
    expect(h.issues().every((i) => i.state === "open")).toBe(true);

    const forced = await h.sync({ allowCloseAll: true });
    expect(forced.status.state).toBe("success");
    expect(h.issues().every((i) => i.state === "closed")).toBe(true);
  });

  it("a document with no findings left closes nothing", async () => {
    const h = await synced();
    h.commit("# Deferred Errors\n\nNothing deferred right now.\n");
    const result = await h.sync();
    expect(result.status.description).toMatch(/no findings/);
    expect(h.issues().every((i) => i.state === "open")).toBe(true);
  });

  it("a document with an error diagnostic creates and updates but closes nothing", async () => {
    const h = await synced();
    const dup = `${renderRegister([findingSpec(1), findingSpec(4)])}\n${renderRegister([findingSpec(1)]).replace("# Deferred Errors", "")}`;
    h.commit(dup);
    const result = await h.sync();
    expect(result.status.state).toBe("failure");
    expect(result.status.description).toMatch(/^docs\/deferred-errors\.md:\d+: /);
    expect(h.issuesFor("TD-004")).toHaveLength(1);
    expect(h.issuesFor("TD-001")).toHaveLength(1);
    expect(h.issues().every((i) => i.state === "open")).toBe(true);
  });
});

describe("maxCreates", () => {
  it("opens the first maxCreates, reports the rest pending, and the next sync opens them", async () => {
    const h = harness(gitea.fake);
    h.fake.setFile(REPO, ".gitea/deferbot.yml", "maxCreates: 2\ndashboard: false\n");
    h.commit(renderRegister([...three, findingSpec(4), findingSpec(5)]));
    const first = await h.sync();
    expect(first.status.description).toBe(
      "2 created, 0 updated, 0 closed, 0 unchanged, 3 pending (maxCreates)",
    );
    expect(
      h
        .issues()
        .map((i) => i.title.slice(0, 6))
        .sort(),
    ).toEqual(["TD-001", "TD-002"]);
    await h.sync();
    await h.sync();
    expect(h.issues()).toHaveLength(5);
  });
});

describe("repository configuration", () => {
  it("an invalid file fails the status with the key and reason, and none of it is used", async () => {
    const h = harness(gitea.fake);
    h.fake.setFile(REPO, ".gitea/deferbot.yml", "maxCreates: 1\nlabels:\n  bot: 7\n");
    h.commit(renderRegister(three));
    const result = await h.sync();
    expect(result.status.state).toBe("failure");
    expect(result.status.description).toMatch(
      /^\.gitea\/deferbot\.yml:3:3: labels\.bot: .*\(defaults used\)$/,
    );
    // Nothing from the file: maxCreates 1 was not applied, the default bot label was.
    expect(h.issues()).toHaveLength(3);
    expect(h.issues().every((i) => h.labelsOf(i).includes("deferred-error"))).toBe(true);
  });

  it(".github/deferbot.yml is read when .gitea/deferbot.yml is absent", async () => {
    const h = harness(gitea.fake);
    h.fake.setFile(REPO, ".github/deferbot.yml", "labels:\n  bot: tech-debt\n  category: false\n");
    h.commit(renderRegister([findingSpec(1)]));
    await h.sync();
    const issue = h.issues()[0];
    expect(issue && h.labelsOf(issue)).toEqual(["tech-debt", "risk/low"]);
  });
});

describe("identity", () => {
  it("twins with equal work: the oldest is kept, the others are closed with a comment pointing to it", async () => {
    const h = await synced([findingSpec(1)]);
    const original = h.issuesFor("TD-001")[0];
    if (!original) throw new Error("no issue");
    const twin = h.fake.addIssue(REPO, { title: original.title, body: original.body, author: BOT });
    const result = await h.sync();
    expect(twin.state).toBe("closed");
    expect(original.state).toBe("open");
    expect(h.commentsOn(twin.number)).toEqual([
      `<!-- deferbot:comment kind=twin finding=TD-001 -->\nDuplicate of #${original.number}, which tracks TD-001. Closing this one.`,
    ]);
    expect(result.plan.summary.closed).toBe(1);
    // A twin closed as such is never reopened, even though its finding is in the document.
    await h.sync();
    expect(twin.state).toBe("closed");
  });

  it("twins wait while the document has an error: such a sync closes nothing", async () => {
    const h = await synced([findingSpec(1)]);
    const original = h.issuesFor("TD-001")[0];
    if (!original) throw new Error("no issue");
    const twin = h.fake.addIssue(REPO, { title: original.title, body: original.body, author: BOT });
    h.commit(`${renderRegister([findingSpec(1)])}\n${renderRegister([findingSpec(1)])}`);
    const result = await h.sync();
    expect(result.status.state).toBe("failure");
    expect(twin.state).toBe("open");
  });

  it("a block of another issue pasted into an issue: identity by title, nothing closed or doubled", async () => {
    const h = harness(gitea.fake);
    h.commit(renderRegister([findingSpec(1), findingSpec(2)]));
    await h.sync();
    const one = h.issuesFor("TD-001").find((i) => i.title.startsWith("TD-001"));
    const two = h.issues().find((i) => i.title.startsWith("TD-002"));
    if (!one || !two) throw new Error("no issues");
    const pasted = `Same root cause as #${one.number}:\n\n${one.body}\n\n`;
    two.body = `${pasted}${two.body}`;
    h.commit(renderRegister([findingSpec(1), findingSpec(2, { error: "Reworded error" })]));
    const result = await h.sync();
    expect(result.plan.summary).toMatchObject({ created: 0, closed: 0, updated: 1 });
    expect(two.state).toBe("open");
    expect(two.body.startsWith(pasted)).toBe(true);
    expect(two.body).toContain("Reworded error");
    expect(h.issues()).toHaveLength(2);
  });

  it("an issue opened by someone else with a forged marker is not tracked", async () => {
    const h = harness(gitea.fake);
    h.commit(renderRegister([findingSpec(1)]));
    h.fake.addIssue(REPO, {
      title: "TD-001: hijack",
      body: "<!-- deferbot:finding id=TD-001 -->\nmine\n<!-- deferbot:end -->",
      author: "alice",
    });
    await h.sync();
    expect(h.issues().filter((i) => i.author === BOT)).toHaveLength(1);
  });

  it("a bot issue whose block a person deleted is adopted by its title and repaired, notes kept", async () => {
    const h = await synced([findingSpec(1)]);
    const issue = h.issuesFor("TD-001")[0];
    if (!issue) throw new Error("no issue");
    issue.body = "I deleted the generated text, sorry.";
    h.commit(
      renderRegister([findingSpec(1, { error: "Reworded so the block must be rewritten" })]),
    );
    await h.sync();
    expect(h.issues()).toHaveLength(1);
    expect(issue.body).toContain("<!-- deferbot:finding id=TD-001 -->");
    expect(issue.body).toContain("I deleted the generated text, sorry.");
  });
});

describe("failures", () => {
  it("a failed create is not retried; the status says error; the next sync creates it once", async () => {
    const h = harness(gitea.fake);
    h.commit(renderRegister(three));
    h.fake.failNext({ method: "POST", route: `POST ${R}/issues` }, 502);
    const failed = await h.sync();
    expect(failed.status.state).toBe("error");
    expect(h.fake.count({ route: `POST ${R}/issues` })).toBe(3);
    expect(h.issues()).toHaveLength(2);
    await h.sync();
    for (const spec of three) expect(h.issuesFor(spec.id)).toHaveLength(1);
  });

  it("a GET that fails once is retried and the sync succeeds", async () => {
    const h = harness(gitea.fake);
    h.commit(renderRegister(three));
    h.fake.failNext({ method: "GET", route: `GET ${R}/issues` }, 503);
    const result = await h.sync();
    expect(result.status.state).toBe("success");
    expect(h.issues()).toHaveLength(3);
  });
});

describe("concurrency", () => {
  it("20 syncs at once while the document changes: one issue per finding, newest content", async () => {
    const h = harness(gitea.fake);
    const all = [];
    for (let round = 0; round < 20; round++) {
      const specs = Array.from({ length: 6 }, (_, i) =>
        findingSpec(i + 1, { error: `error text of round ${round}` }),
      );
      h.commit(renderRegister(specs));
      all.push(h.sync());
      await new Promise((r) => setImmediate(r));
    }
    await Promise.all(all);
    await h.sync();
    expect(h.issues()).toHaveLength(6);
    for (let i = 1; i <= 6; i++) {
      const issues = h.issuesFor(`TD-00${i}`);
      expect(issues).toHaveLength(1);
      expect(issues[0]?.body).toContain("error text of round 19");
    }
    expect(h.bot.queue.started).toBeLessThan(20);
  });
});
