import { describe, expect, it } from "vitest";
import { useGiteaFake } from "../support/gitea-fake/vitest.js";
import { ranHere } from "../support/ran-here.js";
import { findingSpec, renderRegister } from "../support/register.js";
import { DOC, harness, REPO } from "../support/sync-harness.js";

const gitea = useGiteaFake();
const R = "/repos/{owner}/{repo}";

describe("Deferbot.sync with onlyIfNew (a push)", () => {
  it("skips a commit it already synced, and syncs a new one", async () => {
    const h = harness(gitea.fake);
    const sha = h.commit(renderRegister([findingSpec(1)]));
    const first = ranHere(await h.bot.sync(REPO, { sha, onlyIfNew: true }));
    expect(first.skipped).toBeUndefined();
    gitea.fake.resetRequests();

    const again = ranHere(await h.bot.sync(REPO, { sha, onlyIfNew: true }));
    expect(again.skipped).toBe(true);
    expect(again.status).toEqual(first.status);
    expect(gitea.fake.requests).toEqual([]);

    // A folded push reads the head; still the synced commit: one head read, nothing else.
    const folded = ranHere(await h.bot.sync(REPO, { onlyIfNew: true }));
    expect(folded.skipped).toBe(true);
    expect(gitea.fake.requests.map((r) => r.route)).toEqual([`GET ${R}/git/commits/{sha}`]);

    const next = h.commit(renderRegister([findingSpec(1), findingSpec(2)]));
    const synced = ranHere(await h.bot.sync(REPO, { sha: next, onlyIfNew: true }));
    expect(synced.skipped).toBeUndefined();
    expect(h.issues()).toHaveLength(2);
  });

  it("never skips a sync asked for by a person, or one after a Gitea failure", async () => {
    const h = harness(gitea.fake);
    const sha = h.commit(renderRegister([findingSpec(1), findingSpec(2)]));
    gitea.fake.failNext({ route: `POST ${R}/issues` }, 502);
    const failed = ranHere(await h.bot.sync(REPO, { sha, onlyIfNew: true }));
    expect(failed.status.state).toBe("error");
    const retried = ranHere(await h.bot.sync(REPO, { sha, onlyIfNew: true }));
    expect(retried.skipped).toBeUndefined();
    expect(h.issues()).toHaveLength(2);
    const asked = ranHere(await h.bot.sync(REPO, { sha }));
    expect(asked.skipped).toBeUndefined();
  });

  it("does not skip while creates are pending behind maxCreates", async () => {
    const h = harness(gitea.fake);
    gitea.fake.setFile(REPO, ".gitea/deferbot.yml", "maxCreates: 1\ndashboard: false\n");
    const sha = h.commit(renderRegister([findingSpec(1), findingSpec(2)]));
    ranHere(await h.bot.sync(REPO, { sha, onlyIfNew: true }));
    const second = ranHere(await h.bot.sync(REPO, { sha, onlyIfNew: true }));
    expect(second.skipped).toBeUndefined();
    expect(h.issues()).toHaveLength(2);
  });
});

describe("the parse cache", () => {
  it("parses an unchanged document once across syncs and re-parses a changed one", async () => {
    const h = harness(gitea.fake);
    h.commit(renderRegister([findingSpec(1)]));
    const first = await h.sync();
    gitea.fake.setFile(REPO, "README.md", "unrelated change");
    const second = await h.sync();
    expect(second.sha).not.toBe(first.sha);
    expect(second.findings).toBe(first.findings);
    gitea.fake.setFile(REPO, DOC, renderRegister([findingSpec(1, { error: "changed" })]));
    const third = await h.sync();
    expect(third.findings).not.toBe(first.findings);
    expect(third.findings[0]?.error).toBe("changed");
  });
});

describe("Deferbot events", () => {
  it("tells each sync that writes as started, then finished or failed; a dry run tells nothing", async () => {
    const h = harness(gitea.fake);
    const seen: string[] = [];
    h.bot.events.on((event) => {
      if (event.type.startsWith("sync-"))
        seen.push(`${event.type} ${"repo" in event ? event.repo : ""}`);
    });
    h.commit(renderRegister([findingSpec(1)]));
    await h.sync();
    await h.bot.syncNow(REPO, { dryRun: true });
    gitea.fake.failNext({ method: "GET", route: `GET ${R}/issues` }, 500, 10);
    await expect(h.sync()).rejects.toThrow(/500/);
    expect(seen).toEqual([
      `sync-started ${REPO}`,
      `sync-finished ${REPO}`,
      `sync-started ${REPO}`,
      `sync-failed ${REPO}`,
    ]);
  });

  it("tells each parse of a register that ran, not one the parse cache answered", async () => {
    const h = harness(gitea.fake);
    const parses: number[] = [];
    h.bot.events.on((event) => {
      if (event.type === "register-parsed") parses.push(event.bytes);
    });
    const text = renderRegister([findingSpec(1)]);
    h.commit(text);
    await h.sync();
    await h.bot.syncNow(REPO, { dryRun: true });
    expect(parses).toEqual([Buffer.byteLength(text)]);
  });
});
