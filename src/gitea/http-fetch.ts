/**
 * The `fetch` deferbot's Octokit sends with, on node:http(s). Node's global fetch (undici) costs
 * about 1.5 ms of CPU per request in its Request, Headers and stream machinery, which a sync of
 * 200 creates pays 200 times; this one does what @octokit/request needs and behaves as fetch does
 * where it is observable: keep-alive connections, redirects followed (at most 20; 303, and 301/302
 * of a POST, become a GET without body; Authorization dropped on another origin), a rejection with
 * `signal.reason` on abort (also while the body is read), `TypeError("fetch failed", { cause })`
 * on a network error, gzip, deflate and br answers decoded, lower-case header names, and the
 * body as a web `ReadableStream`.
 */
import http from "node:http";
import { createRequire } from "node:module";
import { pipeline, type Readable } from "node:stream";

/**
 * node:https (with tls and crypto) and node:zlib load when first needed: a Gitea on http that
 * answers uncompressed needs neither, and together they are ~5 ms of every one-shot start.
 */
const builtin = createRequire(import.meta.url);
let httpsModule: typeof import("node:https") | undefined;
let zlibModule: typeof import("node:zlib") | undefined;
const https = () => (httpsModule ??= builtin("node:https") as typeof import("node:https"));
const zlib = () => (zlibModule ??= builtin("node:zlib") as typeof import("node:zlib"));

export interface HttpFetchInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array | null;
  signal?: AbortSignal | null;
  redirect?: "follow" | "error" | "manual";
}

const MAX_REDIRECTS = 20;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** The headers of an answer: iterable as `[name, value]` (names lower-case) and read by `get`. */
export class AnswerHeaders implements Iterable<[string, string]> {
  readonly #values = new Map<string, string>();

  constructor(raw: http.IncomingHttpHeaders) {
    for (const [name, value] of Object.entries(raw)) {
      if (value !== undefined)
        this.#values.set(name, Array.isArray(value) ? value.join(", ") : value);
    }
  }

  get(name: string): string | null {
    return this.#values.get(name.toLowerCase()) ?? null;
  }

  has(name: string): boolean {
    return this.#values.has(name.toLowerCase());
  }

  [Symbol.iterator](): Iterator<[string, string]> {
    return this.#values.entries();
  }
}

/** What @octokit/request and src/gitea read of an answer. */
export class HttpAnswer {
  readonly status: number;
  readonly statusText: string;
  readonly url: string;
  readonly headers: AnswerHeaders;
  readonly #content: Readable;
  #body: ReadableStream<Uint8Array> | null | undefined;

  constructor(message: http.IncomingMessage, url: string, hasBody: boolean) {
    this.status = message.statusCode ?? 0;
    this.statusText = message.statusMessage ?? "";
    this.url = url;
    this.headers = new AnswerHeaders(message.headers);
    this.#content = hasBody ? decoded(message) : message;
    if (!hasBody) {
      this.#body = null;
      message.resume();
    }
  }

  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }

  get body(): ReadableStream<Uint8Array> | null {
    if (this.#body === undefined) this.#body = webStreamOf(this.#content);
    return this.#body;
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = await this.#bytes();
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }

  async text(): Promise<string> {
    return new TextDecoder().decode(await this.#bytes());
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  async #bytes(): Promise<Uint8Array> {
    if (this.#body === null) return new Uint8Array(0);
    if (this.#body !== undefined) throw new TypeError("Body is unusable: it was already read");
    this.#body = null;
    const chunks: Buffer[] = [];
    for await (const chunk of this.#content) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }
}

/**
 * The chunks of `content` as a web stream, as they come (`Readable.toWeb` costs about 0.3 ms a
 * request in set-up); cancelling it ends the answer's connection.
 */
function webStreamOf(content: Readable): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      content.on("data", (chunk: Buffer) => controller.enqueue(chunk));
      content.once("end", () => controller.close());
      content.once("error", (error) => controller.error(error));
    },
    cancel(reason) {
      content.destroy(reason instanceof Error ? reason : undefined);
    },
  });
}

/** The body as sent, or decompressed when its content-encoding says so (as fetch does). */
function decoded(message: http.IncomingMessage): Readable {
  const encoding = String(message.headers["content-encoding"] ?? "")
    .trim()
    .toLowerCase();
  const decoder =
    encoding === "gzip" || encoding === "x-gzip"
      ? zlib().createGunzip()
      : encoding === "deflate"
        ? zlib().createInflate()
        : encoding === "br"
          ? zlib().createBrotliDecompress()
          : null;
  if (decoder === null) return message;
  return pipeline(message, decoder, () => {});
}

/** `fetch(url, init)` for a string or URL; see the file comment for what it keeps of fetch. */
export async function httpFetch(
  input: string | URL,
  init: HttpFetchInit = {},
): Promise<HttpAnswer> {
  const signal = init.signal ?? undefined;
  signal?.throwIfAborted();
  let url = new URL(input);
  let method = (init.method ?? "GET").toUpperCase();
  let body = init.body ?? undefined;
  const headers = { ...init.headers };
  for (let redirects = 0; ; redirects++) {
    const answer = await send(url, method, headers, body, signal);
    const location = answer.headers.get("location");
    if (!REDIRECTS.has(answer.status) || location === null || init.redirect === "manual")
      return answer;
    await answer.arrayBuffer();
    if (init.redirect === "error" || redirects >= MAX_REDIRECTS)
      throw new TypeError("fetch failed", { cause: new Error("redirect count exceeded") });
    const next = new URL(location, url);
    if (
      answer.status === 303 ||
      ((answer.status === 301 || answer.status === 302) && method === "POST")
    ) {
      method = method === "HEAD" ? "HEAD" : "GET";
      body = undefined;
      for (const name of Object.keys(headers)) if (/^content-/i.test(name)) delete headers[name];
    }
    if (next.origin !== url.origin)
      for (const name of Object.keys(headers))
        if (name.toLowerCase() === "authorization") delete headers[name];
    url = next;
  }
}

function send(
  url: URL,
  method: string,
  headers: Record<string, string>,
  body: string | Uint8Array | undefined,
  signal: AbortSignal | undefined,
): Promise<HttpAnswer> {
  const transport = url.protocol === "https:" ? https() : url.protocol === "http:" ? http : null;
  if (transport === null)
    return Promise.reject(
      new TypeError("fetch failed", { cause: new Error(`${url.protocol} is not http(s)`) }),
    );
  const named = new Set(Object.keys(headers).map((name) => name.toLowerCase()));
  const sent: Record<string, string> = { ...headers };
  if (!named.has("accept-encoding")) sent["accept-encoding"] = "gzip, deflate, br";
  // As fetch does for a body of known length. Without it node:http frames the body of a POST or
  // PATCH as chunked but sends a DELETE's unframed (no chunked default for DELETE), and the
  // server cannot read it: Gitea's DELETE …/dependencies carries its IssueMeta as a body.
  if (body !== undefined && !named.has("content-length"))
    sent["content-length"] = String(
      typeof body === "string" ? Buffer.byteLength(body) : body.byteLength,
    );
  return new Promise((resolve, reject) => {
    let settled = false;
    let answer: http.IncomingMessage | undefined;
    const request = transport.request(url, { method, headers: sent });
    const onAbort = () => {
      const reason: unknown = signal?.reason;
      const error = reason instanceof Error ? reason : new Error("aborted");
      // A body still being read fails with the reason too.
      answer?.destroy(error);
      request.destroy(error);
      if (!settled) {
        settled = true;
        reject(reason);
      }
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    request.on("error", (error) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener("abort", onAbort);
      reject(new TypeError("fetch failed", { cause: error }));
    });
    request.on("response", (message) => {
      settled = true;
      answer = message;
      message.on("close", () => signal?.removeEventListener("abort", onAbort));
      const status = message.statusCode ?? 0;
      const hasBody = method !== "HEAD" && status !== 204 && status !== 205 && status !== 304;
      resolve(new HttpAnswer(message, url.href, hasBody));
    });
    request.end(body);
  });
}
