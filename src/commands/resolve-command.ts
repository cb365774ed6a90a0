/**
 * `resolve`: a pull request that removes the finding's section (and one adjacent thematic break)
 * from the document, every other byte kept, with `Closes #N` so that merging it closes the issue.
 * One commit on a new branch `deferbot/resolve-<id>` based on the default branch, replacing the
 * document read at its head. When that branch exists already it is reused, and a pull request
 * that exists already is returned instead of a new one.
 */
import { removeFindingSection } from "../core/commands/remove-finding.js";
import { decodeExact } from "../core/document/decode.js";
import { MAX_TITLE_LENGTH } from "../core/issue/title.js";
import { truncate } from "../core/text/truncate.js";
import type { CommandContext, CommandOutcome } from "./context.js";
import { failed, readAtHead, succeeded, unreadableReason } from "./context.js";
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
  const { forge } = ctx.handle;
  const number = ctx.payload.issue.number;
  const at = await readAtHead(ctx);
  const why = unreadableReason(at);
  if (why !== null)
    return failed(`${documentName(ctx)} cannot be read at ${commitLink(ctx, at.sha)}: ${why}.`);
  const finding = at.kind === "found" ? at.findings.find((f) => f.id === id) : undefined;
  if (at.kind !== "found" || !finding)
    return failed(
      `${id} is not in ${documentName(ctx)} at ${commitLink(ctx, at.sha)}, so there is nothing to remove.`,
    );
  // The exact text, byte order mark kept, so it is written back.
  const text = decodeExact(at.bytes);
  if (text === null)
    return failed(
      `${documentName(ctx)} is not valid UTF-8, so I cannot remove ${id} and keep every other byte; fix the encoding first.`,
    );

  const base = ctx.payload.repository.default_branch;
  const branch = resolveBranchName(id);
  const written = await forge.proposeFileChange({
    path: ctx.config.document,
    blobSha: at.blobSha,
    content: removeFindingSection(text, finding.span),
    message: `Resolve ${id}: remove it from ${ctx.config.document}`,
    base,
    branch,
  });
  if (written.kind === "stale")
    return failed(
      `${documentName(ctx)} changed on ${code(base)} while I was preparing the change; run \`resolve\` again.`,
    );
  const reused = written.kind === "branch-exists";

  const lines = linesLink(ctx, at.sha, finding.span.startLine, finding.span.endLine);
  const opened = await forge.openPullRequest({
    head: branch,
    base,
    title: truncate(`Resolve ${id}: ${untrusted(ctx, finding.title)}`, MAX_TITLE_LENGTH),
    body: [
      `Closes #${number}`,
      "",
      `Removes ${id} from ${documentName(ctx)} (${lines} at ${commitLink(ctx, at.sha)}), as asked in ${ctx.payload.comment.html_url}. Every other line of the document stays as it was.`,
    ].join("\n"),
  });
  if (opened.kind === "no-change")
    return failed(
      `The branch ${code(branch)} exists already and holds no change against ${code(base)}; delete it and run \`resolve\` again.`,
    );
  const { pull } = opened;
  if (opened.kind === "exists")
    return succeeded(`A pull request for this exists already: #${pull.number} (${pull.htmlUrl}).`);
  const from = reused ? ` from the existing branch ${code(branch)}` : "";
  return succeeded(
    `Opened #${pull.number}${from} (${pull.htmlUrl}), which removes ${id} from ${documentName(ctx)}. Merging it closes this issue.`,
  );
}
