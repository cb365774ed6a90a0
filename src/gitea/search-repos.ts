/** `GET /repos/search` for the repositories a user is related to, with the caller's permissions. */
import { type OctokitLike, send } from "./client.js";
import { repoSearchSchema } from "./schema.js";

export interface SearchedRepo {
  fullName: string;
  owner: string;
  archived: boolean;
  /** Whether the token's user may push (Gitea's `permissions.push` for the caller). */
  push: boolean;
}

/** Gitea caps a page at `[api] MAX_RESPONSE_ITEMS` (50 by default). */
const PAGE_SIZE = 50;

/**
 * Every repository user `uid` owns or collaborates on (Gitea's `uid` filter: owned, collaborator,
 * and the repositories of its organisations' teams), page by page until a short page. Never the
 * whole instance's public repositories: without `uid` Gitea would list those too. Pages are
 * read until `X-Total-Count` results came back.
 */
export async function searchReposOfUser(
  octokit: OctokitLike,
  uid: number,
): Promise<SearchedRepo[]> {
  const repos: SearchedRepo[] = [];
  for (let page = 1; ; page++) {
    const { data, headers } = await send(
      octokit,
      "GET /repos/search",
      { uid, limit: PAGE_SIZE, page, sort: "alpha", order: "asc" },
      repoSearchSchema,
    );
    for (const repo of data.data)
      repos.push({
        fullName: repo.full_name,
        owner: repo.owner.login,
        archived: repo.archived ?? false,
        push: repo.permissions?.push ?? false,
      });
    // The total, not a short page, ends the walk: an instance may cap pages below PAGE_SIZE.
    const total = Number(headers["x-total-count"] ?? Number.NaN);
    if (
      data.data.length === 0 ||
      (Number.isFinite(total) ? repos.length >= total : data.data.length < PAGE_SIZE)
    )
      return repos;
  }
}
