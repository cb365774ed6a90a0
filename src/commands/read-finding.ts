/** The document at the default branch's head, parsed, and one finding in it. */
import { parseRegister } from "../core/document/parse-register.js";
import type { Diagnostic, Finding } from "../core/document/types.js";
import type { CommandContext } from "./context.js";

export type FindingAtHead =
  | {
      kind: "found";
      /** Head commit of the default branch the document was read at. */
      sha: string;
      finding: Finding;
      bytes: Uint8Array;
      /** Blob sha of the document (what a contents API update needs). */
      blobSha: string;
      diagnostics: Diagnostic[];
    }
  | { kind: "gone"; sha: string }
  | { kind: "no-document"; sha: string; why: string };

export async function readFindingAtHead(ctx: CommandContext, id: string): Promise<FindingAtHead> {
  const { gateway } = ctx.handle;
  const sha = await gateway.branchHead(ctx.payload.repository.default_branch);
  const file = await gateway.readFile(ctx.config.document, sha);
  if (file.kind === "missing") return { kind: "no-document", sha, why: "it does not exist" };
  if (file.kind === "too-large")
    return { kind: "no-document", sha, why: `it is ${file.size} bytes, above Gitea's API limit` };
  if (file.kind === "not-a-file") return { kind: "no-document", sha, why: `it is a ${file.type}` };
  const parsed = parseRegister(file.bytes, ctx.config);
  const finding = parsed.findings.find((candidate) => candidate.id === id);
  if (!finding) return { kind: "gone", sha };
  return {
    kind: "found",
    sha,
    finding,
    bytes: file.bytes,
    blobSha: file.blobSha,
    diagnostics: parsed.diagnostics,
  };
}
