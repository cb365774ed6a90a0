/**
 * The webhook body read with a cap (`WEBHOOK_MAX_BYTES`, SPEC §4), before Probot checks its
 * signature: a body over the cap is answered 413 unread (its `content-length` tells) or as soon
 * as the bytes counted while streaming pass the cap, and the connection is closed. A refused
 * delivery is logged once (as a rejected delivery) and repaired by the next sync, which reads
 * the whole document again. A body under the cap is handed on as `req.body`, which
 * `@octokit/webhooks` reads instead of the stream.
 */
import type { IncomingMessage, ServerResponse } from "node:http";

/** Reads the body into `req.body`; false when it was refused (the 413 is sent). */
export function admitBody(
  req: IncomingMessage,
  res: ServerResponse,
  maxBytes: number,
): Promise<boolean> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > maxBytes) {
    refuse(req, res, maxBytes, declared);
    return Promise.resolve(false);
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) {
        chunks.push(chunk);
        return;
      }
      req.off("data", onData);
      req.pause();
      chunks.length = 0;
      refuse(req, res, maxBytes, null);
      resolve(false);
    };
    req.on("data", onData);
    req.once("end", () => {
      if (size > maxBytes) return;
      (req as IncomingMessage & { body?: string }).body = Buffer.concat(chunks, size).toString(
        "utf8",
      );
      resolve(true);
    });
    req.once("error", () => resolve(false));
  });
}

function refuse(
  req: IncomingMessage,
  res: ServerResponse,
  maxBytes: number,
  size: number | null,
): void {
  const body = JSON.stringify({
    error: `the delivery's body is ${size === null ? "over" : `${size} bytes, over`} WEBHOOK_MAX_BYTES (${maxBytes} bytes); it was not read, and the next sync repairs what it carried`,
  });
  res.writeHead(413, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(body),
    connection: "close",
  });
  // Stop reading the rest once the answer is out: the socket goes, and its bytes with it.
  res.end(body, () => req.destroy());
}
