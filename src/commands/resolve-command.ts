/**
 * `resolve`: a pull request that removes the finding's section (and one adjacent thematic break)
 * from the document, every other byte kept, with `Closes #N` so that merging it closes the issue.
 * One commit on a new branch `deferbot/resolve-<id>` through the contents API (PUT with the blob
 * sha, based on the default branch). When that branch exists already Gitea answers 422 (1.25 has
 * no force_push); the branch is then reused, and a pull request that exists already (409) is
 * returned instead of a new one.
 */
import { removeFindingSection } from "../core/commands/remove-finding.js";
import { MAX_TITLE_LENGTH } from "../core/issue/title.js";
import type { GiteaClient } from "../gitea/client.js";
import { updateFile } from "../gitea/contents.js";
import { GiteaError } from "../gitea/errors.js";
import { createPullRequest } from "../gitea/pulls.js";
import { getBranch } from "../gitea/repos.js";
import type { CommandContext, CommandOutcome } from "./context.js";
import { failed, succeeded } from "./context.js";
import { readFindingAtHead } from "./read-finding.js";
import { code, commitLink, documentName, linesLink, untrusted } from "./text.js";

/** `deferbot/resolve-<id>`: the ID lower-cased, anything outside `[a-z0-9._-]` made `-`. */
export function resolveBranchName(id: string): string {
  const safe = id
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, "-")
    .replace(/\.{2,}/g, ".")
    .replace(/^[-.]+|[-.]+$/g, "")
    .replace(/\.lock$/, "-lock");
  return `deferbot/resolve-${safe || "finding"}`;
}

export async function runResolve(ctx: CommandContext, id: string): Promise<CommandOutcome> {
  const { client } = ctx.handle;
  const number = ctx.payload.issue.number;
  const at = await readFindingAtHead(ctx, id);
  if (at.kind === "no-document")
    return failed(`${documentName(ctx)} cannot be read at ${commitLink(ctx, at.sha)}: ${at.why}.`);
  if (at.kind === "gone")
    return failed(
      `${id} is not in ${documentName(ctx)} at ${commitLink(ctx, at.sha)}, so there is nothing to remove.`,
    );
  let text: string;
  try {
    // ignoreBOM keeps a byte order mark in the text, so it is written back.
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(at.bytes);
  } catch {
    return failed(
      `${documentName(ctx)} is not valid UTF-8, so I cannot remove ${id} and keep every other byte; fix the encoding first.`,
    );
  }

  const { finding } = at;
  const base = ctx.payload.repository.default_branch;
  const branch = resolveBranchName(id);
  let reused = false;
  try {
    await updateFile(client, ctx.config.document, at.blobSha, {
      content: removeFindingSection(text, finding.span),
      message: `Resolve ${id}: remove it from ${ctx.config.document}`,
      branch: base,
      newBranch: branch,
    });
  } catch (error) {
    if (!(error instanceof GiteaError) || error.status !== 422) throw error;
    if (!(await branchExists(client, branch)))
      return failed(
        `${documentName(ctx)} changed on ${code(base)} while I was preparing the change; run \`resolve\` again.`,
      );
    reused = true;
  }

  const lines = linesLink(ctx, at.sha, finding.span.startLine, finding.span.endLine);
  let opened: Awaited<ReturnType<typeof createPullRequest>>;
  try {
    opened = await createPullRequest(client, {
      head: branch,
      base,
      title: cut(`Resolve ${id}: ${untrusted(ctx, finding.title)}`),
      body: [
        `Closes #${number}`,
        "",
        `Removes ${id} from ${documentName(ctx)} (${lines} at ${commitLink(ctx, at.sha)}), as asked in ${ctx.payload.comment.html_url}. Every other line of the document stays as it was.`,
      ].join("\n"),
    });
  } catch (error) {
    if (reused && error instanceof GiteaError && error.status === 422)
      return failed(
        `The branch ${code(branch)} exists already and holds no change against ${code(base)}; delete it and run \`resolve\` again.`,
      );
    throw error;
  }
  const { pull, created } = opened;
  if (!created)
    return succeeded(`A pull request for this exists already: #${pull.number} (${pull.htmlUrl}).`);
  const from = reused ? ` from the existing branch ${code(branch)}` : "";
  return succeeded(
    `Opened #${pull.number}${from} (${pull.htmlUrl}), which removes ${id} from ${documentName(ctx)}. Merging it closes this issue.`,
  );
}

async function branchExists(client: GiteaClient, branch: string): Promise<boolean> {
  try {
    await getBranch(client, branch);
    return true;
  } catch (error) {
    if (error instanceof GiteaError && error.status === 404) return false;
    throw error;
  }
}

function cut(title: string): string {
  const chars = Array.from(title);
  return chars.length <= MAX_TITLE_LENGTH
    ? title
    : `${chars.slice(0, MAX_TITLE_LENGTH - 1).join("")}…`;
}
