/**
 * `GET /metrics` (SPEC §7): open like `/healthz`, or, with METRICS_TOKEN set, only for
 * `Authorization: Bearer <token>` (compared in constant time).
 */
import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { DeferbotMetrics } from "../metrics/deferbot-metrics.js";

function bearerMatches(req: IncomingMessage, token: string): boolean {
  const header = req.headers.authorization ?? "";
  const match = /^Bearer\s+(.+)$/i.exec(header.trim());
  if (!match) return false;
  const given = Buffer.from(match[1] ?? "");
  const wanted = Buffer.from(token);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

export async function serveMetrics(
  req: IncomingMessage,
  res: ServerResponse,
  metrics: DeferbotMetrics,
  token: string | null,
): Promise<void> {
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.writeHead(405, { allow: "GET, HEAD", "content-type": "text/plain" }).end("GET only\n");
    return;
  }
  if (token !== null && !bearerMatches(req, token)) {
    res
      .writeHead(401, {
        "www-authenticate": 'Bearer realm="metrics"',
        "content-type": "text/plain",
      })
      .end("METRICS_TOKEN is set: send Authorization: Bearer <token>\n");
    return;
  }
  const text = await metrics.text();
  res.writeHead(200, {
    "content-type": metrics.contentType,
    "content-length": Buffer.byteLength(text),
  });
  res.end(req.method === "HEAD" ? undefined : text);
}
