/**
 * Issue dependencies (Gitea 1.20+): `…/issues/{index}/dependencies` lists, adds and removes the
 * issues that block `index`. The other issue is named by `IssueMeta {owner, repo, index}`.
 * With dependencies disabled for the repository (or no write access) all three answer 404.
 */
import * as z from "../zod.js";
import { type GiteaClient, PAGE_LIMIT, send } from "./client.js";
import { ignoredBody, issueSchema } from "./schema.js";
import type { GiteaIssue } from "./types.js";

/**
 * The issues `number` depends on (is blocked by), open or closed. Paged with `page`+`limit` but
 * with no X-Total-Count, so a page shorter than `PAGE_LIMIT` is taken as the last: one request
 * for the few dependencies an issue has. (On a Gitea whose `[api] MAX_RESPONSE_ITEMS` is below
 * 50, an issue with at least that many dependencies would be listed short.)
 */
export async function listIssueDependencies(
  client: GiteaClient,
  number: number,
): Promise<GiteaIssue[]> {
  const all: GiteaIssue[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const { data } = await send(
      client.octokit,
      "GET /repos/{owner}/{repo}/issues/{index}/dependencies",
      { owner: client.owner, repo: client.repo, index: number, limit: PAGE_LIMIT, page },
      z.array(issueSchema),
    );
    all.push(...data);
    if (data.length < PAGE_LIMIT) return all;
  }
  return all;
}

/** More dependencies than this many pages is a Gitea ignoring `page`, not data. */
const MAX_PAGES = 100;

/**
 * Makes `number` depend on `blocker` (201, the issue `number`). Gitea answers 500 both for a
 * dependency that exists already and for one whose reverse exists (a cycle of two), without
 * a message outside development mode: only a read tells them apart.
 */
export async function createIssueDependency(
  client: GiteaClient,
  number: number,
  blocker: number,
): Promise<void> {
  await sendDependency(
    client,
    "POST /repos/{owner}/{repo}/issues/{index}/dependencies",
    number,
    blocker,
  );
}

/**
 * Removes that dependency. Gitea answers 201 with the issue `number` (its swagger says 200), and
 * 500 when there was no such dependency.
 */
export async function removeIssueDependency(
  client: GiteaClient,
  number: number,
  blocker: number,
): Promise<void> {
  await sendDependency(
    client,
    "DELETE /repos/{owner}/{repo}/issues/{index}/dependencies",
    number,
    blocker,
  );
}

/** `number`'s dependency on `blocker`, added or removed; the answer is not read. */
async function sendDependency(
  client: GiteaClient,
  route:
    | "POST /repos/{owner}/{repo}/issues/{index}/dependencies"
    | "DELETE /repos/{owner}/{repo}/issues/{index}/dependencies",
  number: number,
  blocker: number,
): Promise<void> {
  await send(
    client.octokit,
    route,
    { owner: client.owner, repo: client.repo, index: number, data: issueMeta(client, blocker) },
    ignoredBody,
  );
}

/**
 * The body, `IssueMeta` of an issue in this repository. Sent as `data`: Octokit takes the
 * parameters its path uses (`owner`, `repo`, `index`) out of the body, and these have the
 * same names.
 */
function issueMeta(client: GiteaClient, index: number) {
  return { owner: client.owner, repo: client.repo, index };
}
