/**
 * A listing asks for its pages 2…k as soon as page 1's headers are in (SPEC §3.4 "Calls"), not
 * after page 1's body was read and checked: whatever else holds the event loop then (a register's
 * parse) cannot hold them back. A Gitea with a smaller page than `limit` gets the pages it needs.
 */
import { describe, expect, it } from "vitest";
import { giteaClient, type OctokitLike } from "../../src/gitea/client.js";
import { GiteaError } from "../../src/gitea/errors.js";
import { listTrackedIssues } from "../../src/gitea/issues.js";

function issue(number: number) {
  return {
    id: number,
    number,
    title: `F-${number}: finding`,
    body: "",
    state: "open",
    labels: [],
    user: { id: 1, login: "deferbot" },
    html_url: `http://gitea.test/acme/widgets/issues/${number}`,
    created_at: "2026-01-01T00:00:00Z",
  };
}

/** A page's body as a stream that is sent only when `release` is called. */
function heldBody(items: unknown[]) {
  let release = () => {};
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      release = () => {
        controller.enqueue(new TextEncoder().encode(JSON.stringify(items)));
        controller.close();
      };
    },
  });
  return { body, release: () => release() };
}

interface Listing {
  octokit: OctokitLike;
  /** Pages asked for, in order. */
  asked: number[];
  releaseFirst: () => void;
}

/** `total` issues in pages of `pageSize`; page 1's body waits for `releaseFirst`. */
function listing(total: number, pageSize: number, failPage?: number, badFirst = false): Listing {
  const asked: number[] = [];
  const first = heldBody(
    Array.from({ length: Math.min(pageSize, total) }, (_, i) =>
      badFirst ? { ...issue(total - i), state: "merged" } : issue(total - i),
    ),
  );
  const request = async (_route: string, params: { page: number }) => {
    asked.push(params.page);
    if (params.page === failPage)
      throw Object.assign(new Error("Bad Request"), {
        status: 400,
        request: { method: "GET" },
        response: { data: { message: "page 2 refused" } },
      });
    const headers = { "x-total-count": String(total), "content-type": "application/json" };
    if (params.page === 1) return { status: 200, headers, data: first.body };
    const from = (params.page - 1) * pageSize;
    const items = Array.from({ length: Math.max(0, Math.min(pageSize, total - from)) }, (_, i) =>
      issue(total - from - i),
    );
    return { status: 200, headers, data: items };
  };
  return { octokit: { request }, asked, releaseFirst: first.release };
}

const turns = async (count: number) => {
  for (let i = 0; i < count; i++) await new Promise((resolve) => setImmediate(resolve));
};

describe("a listing's later pages", () => {
  it("are asked for while page 1's body is still on its way", async () => {
    const { octokit, asked, releaseFirst } = listing(120, 50);
    const issues = listTrackedIssues(giteaClient(octokit, "acme", "widgets"), "deferbot");
    await turns(5);
    expect(asked).toEqual([1, 2, 3]);
    releaseFirst();
    const listed = await issues;
    expect(listed.map((i) => i.number)).toEqual(Array.from({ length: 120 }, (_, i) => 120 - i));
    expect(asked).toEqual([1, 2, 3]);
  });

  it("a Gitea whose page is smaller than the limit gets the pages it still needs, at once", async () => {
    const { octokit, asked, releaseFirst } = listing(140, 30);
    const issues = listTrackedIssues(giteaClient(octokit, "acme", "widgets"), "deferbot");
    await turns(5);
    // ⌈140 / 50⌉ pages before the real size is known …
    expect(asked).toEqual([1, 2, 3]);
    releaseFirst();
    const listed = await issues;
    // … then ⌈140 / 30⌉, none twice.
    expect(asked).toEqual([1, 2, 3, 4, 5]);
    expect(new Set(listed.map((i) => i.number)).size).toBe(140);
  });

  it("are at most 8 in flight at once, and each that ends lets the next go", async () => {
    const { octokit, releaseFirst } = listing(1000, 50);
    let inFlight = 0;
    let peak = 0;
    const request = octokit.request as (
      route: string,
      params: { page: number },
    ) => Promise<unknown>;
    const paced: OctokitLike = {
      request: async (route: string, params: { page: number }) => {
        if (params.page === 1) return request(route, params);
        inFlight++;
        peak = Math.max(peak, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 2));
        inFlight--;
        return request(route, params);
      },
    };
    const issues = listTrackedIssues(giteaClient(paced, "acme", "widgets"), "deferbot");
    releaseFirst();
    expect(new Set((await issues).map((i) => i.number)).size).toBe(1000);
    expect(peak).toBe(8);
  });

  it("a page 1 Gitea answers wrongly fails the listing, and no page still waiting is sent", async () => {
    const { octokit, asked, releaseFirst } = listing(1000, 50, undefined, true);
    const request = octokit.request as (
      route: string,
      params: { page: number },
    ) => Promise<unknown>;
    let open = () => {};
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    // Pages 2… are answered only once page 1 has been read.
    const held: OctokitLike = {
      request: async (route: string, params: { page: number }) => {
        const answer = request(route, params);
        if (params.page > 1) await gate;
        return answer;
      },
    };
    const issues = listTrackedIssues(giteaClient(held, "acme", "widgets"), "deferbot");
    await turns(5);
    expect(asked).toHaveLength(9); // page 1 and 8 in flight
    releaseFirst();
    await expect(issues).rejects.toThrow(/unexpected response \(0\.state: /);
    open();
    await turns(20);
    expect(asked).toHaveLength(9);
  });

  it("a failed later page fails the listing with its own error, once page 1 is read", async () => {
    const { octokit, releaseFirst } = listing(120, 50, 2);
    const issues = listTrackedIssues(giteaClient(octokit, "acme", "widgets"), "deferbot");
    await turns(5);
    releaseFirst();
    await expect(issues).rejects.toBeInstanceOf(GiteaError);
    await expect(issues).rejects.toMatchObject({ status: 400 });
    await expect(issues).rejects.toThrow(/page 2 refused/);
  });
});
