/**
 * A file's raw bytes at a ref (`GET /repos/{owner}/{repo}/raw/{filepath}?ref=`): no JSON or
 * base64 around them, and no `[api] DEFAULT_MAX_BLOB_SIZE` cap (SPEC §4). The blob sha is
 * computed from the bytes, as git does. Reading stops past `maxBytes`.
 */
import { createHash } from "node:crypto";
import { type GiteaClient, sendUnparsed } from "./client.js";
import { GiteaError } from "./errors.js";

export type RawFileRead =
  | { kind: "file"; content: Uint8Array; sha: string }
  /** Above `maxBytes`: `size` is the file's size when Gitea sent it, else the bytes read so far. */
  | { kind: "too-large"; size: number };

/**
 * `null` on 404: the path is missing, or a directory or submodule (Gitea answers 404 for both;
 * the contents API tells which). Octokit encodes '/' in `{filepath}` as `%2F`, which Gitea
 * decodes.
 */
export async function getRawFile(
  client: GiteaClient,
  path: string,
  ref: string,
  maxBytes: number,
): Promise<RawFileRead | null> {
  let body: unknown;
  let headers: Record<string, string | number | undefined>;
  try {
    ({ data: body, headers } = await sendUnparsed(
      client.octokit,
      "GET /repos/{owner}/{repo}/raw/{filepath}",
      { owner: client.owner, repo: client.repo, filepath: path, ref },
    ));
  } catch (error) {
    if (error instanceof GiteaError && error.status === 404) return null;
    throw error;
  }
  const declared = Number(headers["content-length"]);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await cancel(body);
    return { kind: "too-large", size: declared };
  }
  const read = await readAtMost(body, maxBytes);
  if (read.kind === "too-large") return read;
  return { kind: "file", content: read.bytes, sha: gitBlobSha(read.bytes) };
}

/** git's object id of a blob: SHA-1 over `blob <size>\0` and the bytes. */
export function gitBlobSha(bytes: Uint8Array): string {
  return createHash("sha1").update(`blob ${bytes.byteLength}\0`).update(bytes).digest("hex");
}

async function readAtMost(
  body: unknown,
  maxBytes: number,
): Promise<{ kind: "bytes"; bytes: Uint8Array } | { kind: "too-large"; size: number }> {
  if (!(body instanceof ReadableStream)) {
    const bytes = toBytes(body);
    return bytes.byteLength > maxBytes
      ? { kind: "too-large", size: bytes.byteLength }
      : { kind: "bytes", bytes };
  }
  const reader = (body as ReadableStream<Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return { kind: "too-large", size };
    }
    chunks.push(value);
  }
  return { kind: "bytes", bytes: new Uint8Array(Buffer.concat(chunks, size)) };
}

/** A body Octokit already read (an injected `request`): text or bytes. */
function toBytes(body: unknown): Uint8Array {
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  return new Uint8Array(Buffer.from(typeof body === "string" ? body : ""));
}

async function cancel(body: unknown): Promise<void> {
  if (body instanceof ReadableStream) await body.cancel();
}
