/**
 * The one read path of the register: the document at an explicit ref (the sync's commit, the
 * default branch's head for a command, a pull request's base or head), decoded and parsed
 * through the repository's parse cache. A document that exists but cannot be read comes back
 * as the error diagnostic that keeps a sync from closing anything.
 */
import type { RepoConfig } from "../core/config/repo-config.js";
import type { Diagnostic, ParseResult } from "../core/document/types.js";
import type { FileRead, Forge } from "../port/forge.js";
import { nextTurn } from "./next-turn.js";
import type { ParseCache } from "./parse-cache.js";

export type RegisterRead =
  /** `parseMs`: how long the parse took (0 when the parse cache had it). */
  | ({ kind: "found"; bytes: Uint8Array; blobSha: string; parseMs: number } & ParseResult)
  | { kind: "missing" }
  /** It exists but is no file, or the forge will not send it: one error diagnostic says why. */
  | { kind: "unreadable"; diagnostic: Diagnostic };

export interface RegisterSource {
  forge: Forge;
  parses: ParseCache;
}

/** A read of the document sent before the configuration was known (SPEC §3.4: config ‖ document). */
export interface EarlyDocumentRead {
  document: string;
  maxBytes: number;
  file: Promise<FileRead>;
}

/** Reads the document where `guess` (a configuration not read yet: the defaults) says it is. */
export function readDocumentEarly(
  forge: Forge,
  ref: string,
  guess: Pick<RepoConfig, "document" | "maxBytes">,
): EarlyDocumentRead {
  const file = forge.readFile(guess.document, ref, guess.maxBytes);
  file.catch(() => {}); // awaited only when the configuration names the same path and limit
  return { document: guess.document, maxBytes: guess.maxBytes, file };
}

export async function readRegister(
  { forge, parses }: RegisterSource,
  config: RepoConfig,
  ref: string,
  early?: EarlyDocumentRead,
): Promise<RegisterRead> {
  const guessed = early?.document === config.document && early.maxBytes === config.maxBytes;
  const file = await (guessed && early
    ? early.file
    : forge.readFile(config.document, ref, config.maxBytes));
  if (file.kind === "found") {
    await answersHandled();
    return {
      kind: "found",
      bytes: file.bytes,
      blobSha: file.blobSha,
      ...(await parses.parse(file.bytes, file.blobSha, config)),
    };
  }
  if (file.kind === "missing") return file;
  return { kind: "unreadable", diagnostic: unreadable(file, config) };
}

/**
 * Two turns of the event loop before a parse holds it for 100 ms or more: the first runs the
 * handlers of the answers that came with the document (the listing's page 1, which then asks for
 * pages 2…k, SPEC §3.4 "Calls"), the second lets the new connections those pages need open and
 * send, so their round trip runs during the parse instead of after it.
 */
async function answersHandled(): Promise<void> {
  await nextTurn();
  await nextTurn();
}

/** What a read found: the findings, and the diagnostics (an unreadable document's one error). */
export function parsedOf(read: RegisterRead): ParseResult {
  if (read.kind === "found") return { findings: read.findings, diagnostics: read.diagnostics };
  return { findings: [], diagnostics: read.kind === "unreadable" ? [read.diagnostic] : [] };
}

function unreadable(
  file: Extract<FileRead, { kind: "too-large" | "not-a-file" }>,
  { document, maxBytes }: RepoConfig,
) {
  const diagnostic: Diagnostic =
    file.kind === "too-large"
      ? {
          severity: "error",
          code: "too-large",
          line: 1,
          message: `The document is over the ${mib(maxBytes)} limit (${mib(file.size)} or more read); split it into smaller registers.`,
        }
      : {
          severity: "error",
          code: "not-a-file",
          line: 1,
          message: `${document} is a ${file.type}, not a file; point \`document\` in .gitea/deferbot.yml at the register`,
        };
  return diagnostic;
}

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
