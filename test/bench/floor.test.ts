/** The floor arithmetic of SPEC §3.4 "Calls" the bench compares requests with. */
import { describe, expect, it } from "vitest";
import {
  countRequests,
  isSetupRequest,
  type LoggedRequest,
  latencyFloorMs,
  listingPages,
  NO_WORK,
  ratio,
  setupFloor,
  syncFloor,
  total,
} from "../../bench/floor.js";

const CONFIG = [".gitea/deferbot.yml", ".github/deferbot.yml"];
const R = "/repos/{owner}/{repo}";

const get = (route: string, path = "/repos/acme/widgets"): LoggedRequest => ({
  method: "GET",
  route: `GET ${route}`,
  path,
});
const write = (method: string, route: string): LoggedRequest => ({
  method,
  route: `${method} ${route}`,
  path: "/repos/acme/widgets/x",
});

describe("listingPages", () => {
  it("is ⌈M/50⌉, and one request even for an empty listing", () => {
    expect([0, 1, 50, 51, 100, 200, 201].map(listingPages)).toEqual([1, 1, 1, 2, 2, 4, 5]);
  });
});

describe("syncFloor", () => {
  it("first sync of 200: 1 contents read + 1 empty listing, 200 creates + 1 status", () => {
    expect(syncFloor({ ...NO_WORK, listed: 0, creates: 200 })).toEqual({ reads: 2, writes: 201 });
  });

  it("the same document again: contents + 4 listing pages, only the status written", () => {
    expect(syncFloor({ ...NO_WORK, listed: 200 })).toEqual({ reads: 5, writes: 1 });
  });

  it("updates re-read once each; a label change and a §3.3 comment add one write each", () => {
    expect(syncFloor({ ...NO_WORK, listed: 200, updates: 5, labelChanges: 1 })).toEqual({
      reads: 10,
      writes: 7,
    });
    expect(syncFloor({ ...NO_WORK, listed: 10, updates: 1, updateComments: 1 })).toEqual({
      reads: 3,
      writes: 3,
    });
  });

  it("close and reopen cost a re-read and two writes (comment + PATCH)", () => {
    expect(syncFloor({ ...NO_WORK, listed: 200, closes: 3 })).toEqual({ reads: 8, writes: 7 });
    expect(syncFloor({ ...NO_WORK, listed: 51, reopens: 1 })).toEqual({ reads: 4, writes: 3 });
  });
});

describe("setupFloor", () => {
  it("repository + config paths tried + labels listing + one create per missing label", () => {
    // Two missing config paths: raw 404 + contents 404 each.
    expect(setupFloor({ configPathsTried: 2, existingLabels: 0, missingLabels: 5 })).toEqual({
      reads: 6,
      writes: 5,
    });
    expect(
      setupFloor({ configPathsTried: 1, configFound: true, existingLabels: 120, missingLabels: 0 }),
    ).toEqual({ reads: 5, writes: 0 });
  });
});

describe("isSetupRequest / countRequests", () => {
  it("counts login, repository, config reads and labels as setup; the document and issues not", () => {
    const setup = [
      get("/user", "/user"),
      get(R),
      get(`${R}/raw/{filepath}`, "/repos/acme/widgets/raw/.gitea/deferbot.yml"),
      get(`${R}/contents/{filepath}`, "/repos/acme/widgets/contents/.gitea/deferbot.yml"),
      get(`${R}/contents/{filepath}`, "/repos/acme/widgets/contents/.github/deferbot.yml"),
      get(`${R}/labels`),
      write("POST", `${R}/labels`),
    ];
    const sync = [
      get(`${R}/raw/{filepath}`, "/repos/acme/widgets/raw/docs/deferred-errors.md"),
      get(`${R}/issues`),
      get(`${R}/issues/{index}`),
      write("PUT", `${R}/issues/{index}/labels`),
      write("PATCH", `${R}/issues/{index}`),
      write("POST", `${R}/statuses/{sha}`),
    ];
    for (const request of setup) expect(isSetupRequest(request, CONFIG), request.path).toBe(true);
    for (const request of sync) expect(isSetupRequest(request, CONFIG), request.route).toBe(false);
    expect(countRequests([...setup, ...sync], CONFIG)).toEqual({
      setup: { reads: 6, writes: 1 },
      sync: { reads: 3, writes: 3 },
    });
  });

  it("an unmatched request (no route) belongs to the sync", () => {
    const stray: LoggedRequest = { method: "GET", route: undefined, path: "/nowhere" };
    expect(countRequests([stray], CONFIG).sync).toEqual({ reads: 1, writes: 0 });
  });
});

describe("ratio, total and latencyFloorMs", () => {
  it("ratio is measured over bound, 1 for 0/0, Infinity over a zero bound", () => {
    expect(ratio(6, 4)).toBe(1.5);
    expect(ratio(0, 0)).toBe(1);
    expect(ratio(3, 0)).toBe(Number.POSITIVE_INFINITY);
  });

  it("total adds reads and writes", () => {
    expect(total({ reads: 2, writes: 201 })).toBe(203);
  });

  it("N·L/C: 200 creates at 25 ms with 4 in flight is 1.25 s", () => {
    expect(latencyFloorMs(200, 25, 4)).toBe(1250);
    expect(latencyFloorMs(1, 25, 4)).toBe(6.25);
  });
});
