/** Repository labels and issue labels, always by numeric ID. */
import * as z from "../zod.js";
import { type GiteaClient, send, sendAllPages } from "./client.js";
import { labelSchema } from "./schema.js";
import type { GiteaLabel } from "./types.js";

/**
 * All labels of the repository (not its organisation's). Gitea sends no Link header for labels,
 * so `octokit.paginate` would stop after one page: `sendAllPages` loops `page` itself.
 */
export async function listRepoLabels(client: GiteaClient): Promise<GiteaLabel[]> {
  return sendAllPages(
    client.octokit,
    "GET /repos/{owner}/{repo}/labels",
    { owner: client.owner, repo: client.repo },
    labelSchema,
  );
}

export interface NewGiteaLabel {
  name: string;
  /** `rrggbb`, with or without '#'; Gitea answers without '#'. */
  color: string;
  description?: string;
  /** Gitea scoped labels: only one `scope/…` label with exclusive=true per issue. */
  exclusive?: boolean;
}

/** Creates a label. Gitea allows duplicate names: list first (see LabelResolver). */
export async function createLabel(client: GiteaClient, label: NewGiteaLabel): Promise<GiteaLabel> {
  const { data } = await send(
    client.octokit,
    "POST /repos/{owner}/{repo}/labels",
    { owner: client.owner, repo: client.repo, ...label },
    labelSchema,
  );
  return data;
}

/** Adds labels (by ID) to an issue; answers the issue's full label list. */
export async function addIssueLabels(
  client: GiteaClient,
  number: number,
  labelIds: number[],
): Promise<GiteaLabel[]> {
  const { data } = await send(
    client.octokit,
    "POST /repos/{owner}/{repo}/issues/{index}/labels",
    { owner: client.owner, repo: client.repo, index: number, labels: labelIds },
    z.array(labelSchema),
  );
  return data;
}

/** Sets an issue's labels to exactly `labelIds`; answers the new label list. */
export async function replaceIssueLabels(
  client: GiteaClient,
  number: number,
  labelIds: number[],
): Promise<GiteaLabel[]> {
  const { data } = await send(
    client.octokit,
    "PUT /repos/{owner}/{repo}/issues/{index}/labels",
    { owner: client.owner, repo: client.repo, index: number, labels: labelIds },
    z.array(labelSchema),
  );
  return data;
}
