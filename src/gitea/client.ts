/**
 * The one place requests are sent: route strings in, parsed data or a GiteaError out.
 * Endpoint functions (issues.ts, labels.ts, …) call `send` and never touch Octokit directly.
 */
import * as z from "../zod.js";
import { GiteaError, toGiteaError } from "./errors.js";

export interface GiteaResponse<T> {
  status: number;
  headers: Record<string, string | number | undefined>;
  data: T;
}

/** Octokit's `request` used with our own route strings; Probot's `context.octokit` fits too. */
export interface OctokitLike {
  request: unknown;
}

type LooseRequest = (
  route: string,
  params?: Record<string, unknown>,
) => Promise<GiteaResponse<unknown>>;

/** An Octokit bound to one repository. */
export interface GiteaClient {
  octokit: OctokitLike;
  owner: string;
  repo: string;
}

export function giteaClient(octokit: OctokitLike, owner: string, repo: string): GiteaClient {
  return { octokit, owner, repo };
}

function expandPath(template: string, params: Record<string, unknown>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/**
 * Sends `METHOD /path/{param}` and parses the answer with `schema`.
 * Every failure (HTTP error, network error, unexpected shape) becomes a GiteaError.
 */
export async function send<S extends z.ZodMiniType>(
  octokit: OctokitLike,
  route: `${"GET" | "POST" | "PATCH" | "PUT" | "DELETE"} /${string}`,
  params: Record<string, unknown>,
  schema: S,
  check?: Check<z.output<S>>,
): Promise<GiteaResponse<z.output<S>>> {
  return (await answerOf(octokit, route, params)).parse(schema, check);
}

/**
 * A hand-written check of the same shape as a schema, for answers parsed in bulk: what it
 * accepts it gives back as the schema would; what it refuses (undefined) goes to the schema.
 */
export type Check<T> = (data: unknown) => T | undefined;

/** An answer whose status and headers are in, its body still to read and check. */
interface Answer {
  status: number;
  headers: GiteaResponse<unknown>["headers"];
  parse<S extends z.ZodMiniType>(
    schema: S,
    check?: Check<z.output<S>>,
  ): Promise<GiteaResponse<z.output<S>>>;
}

async function answerOf(
  octokit: OctokitLike,
  route: `${"GET" | "POST" | "PATCH" | "PUT" | "DELETE"} /${string}`,
  params: Record<string, unknown>,
): Promise<Answer> {
  const [method = "GET", template = ""] = route.split(" ");
  const path = expandPath(template, params);
  const failed = (error: unknown) => {
    if (error instanceof SyntaxError)
      return new GiteaError(0, method, path, `unexpected response (${error.message})`);
    return toGiteaError(error, method, path);
  };
  let response: GiteaResponse<unknown>;
  try {
    response = await (octokit.request as LooseRequest)(route, { ...params, ...UNPARSED });
  } catch (error) {
    throw failed(error);
  }
  return {
    status: response.status,
    headers: response.headers,
    async parse(schema, check) {
      let data: unknown;
      try {
        data = await jsonOf(response);
      } catch (error) {
        throw failed(error);
      }
      const checked = check?.(data);
      if (checked !== undefined)
        return { status: response.status, headers: response.headers, data: checked };
      const parsed = schema.safeParse(data);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue ? `${issue.path.join(".") || "(root)"}: ${issue.message}` : "";
        throw new GiteaError(response.status, method, path, `unexpected response (${where})`);
      }
      return { status: response.status, headers: response.headers, data: parsed.data };
    },
  };
}

/**
 * Octokit's own JSON parser (json-with-bigint) overflows the stack on a string over about 8 MB
 * (a person pasting logs into an issue body, a contents answer for a 6 MiB file) and then hands
 * back the raw text: every answer is taken unparsed and read with `JSON.parse`, which copes.
 */
const UNPARSED = { request: { parseSuccessResponseBody: false } };

/** The body of an answer taken with `UNPARSED`: JSON parsed, other text as text. */
async function jsonOf(response: GiteaResponse<unknown>): Promise<unknown> {
  if (!(response.data instanceof ReadableStream)) return response.data;
  const text = await textOf(response.data);
  const type = String(response.headers["content-type"] ?? "");
  return /[/+]json\b/i.test(type) && text !== "" ? JSON.parse(text) : text;
}

/**
 * A body stream as UTF-8 text, read without the global `Response` (which loads all of undici),
 * decoded once whole: a listing page is one string, not a chain of its chunks' strings.
 */
async function textOf(stream: ReadableStream<Uint8Array>): Promise<string> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return new TextDecoder().decode(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks));
}

/**
 * Sends a GET and hands back the answer's body unread (a stream when Octokit sent the request),
 * for bytes that are not JSON: the raw file endpoint.
 */
export async function sendUnparsed(
  octokit: OctokitLike,
  route: `GET /${string}`,
  params: Record<string, unknown>,
): Promise<GiteaResponse<unknown>> {
  const path = expandPath(route.slice(4), params);
  try {
    return await (octokit.request as LooseRequest)(route, { ...params, ...UNPARSED });
  } catch (error) {
    throw toGiteaError(error, "GET", path);
  }
}

/** Gitea caps `limit` at `[api] MAX_RESPONSE_ITEMS` (50 by default); `per_page` is ignored. */
export const PAGE_LIMIT = 50;

/**
 * Every item of a list endpoint, paging with `page`+`limit` ourselves rather than following Link:
 * some Gitea lists (labels) send no Link header. When the first page carries X-Total-Count, the
 * other pages are requested at once (SPEC §3.4 "Calls": the listing costs two round trips, not
 * ⌈M/50⌉), as soon as its headers are in: page 1's body is read and checked while they are on
 * their way, and whatever else the event loop runs then (a register's parse) cannot hold them
 * back. Without it, page by page until a page shorter than the first.
 */
export async function sendAllPages<S extends z.ZodMiniType>(
  octokit: OctokitLike,
  route: `GET /${string}`,
  params: Record<string, unknown>,
  itemSchema: S,
  checkItems?: Check<z.output<S>[]>,
): Promise<z.output<S>[]> {
  const pageSchema = z.array(itemSchema);
  const answer = (n: number) => answerOf(octokit, route, { ...params, limit: PAGE_LIMIT, page: n });
  const totalOf = (headers: Answer["headers"]) => {
    const total = headers["x-total-count"];
    return total === undefined ? Number.NaN : Number(total);
  };
  const page = async (n: number) => {
    const { data, headers } = await (await answer(n)).parse(pageSchema, checkItems);
    return { data, total: totalOf(headers) };
  };
  const firstAnswer = await answer(1);
  const total = totalOf(firstAnswer.headers);
  // Pages 2…n, each sent when one of PARALLEL_PAGES slots is free; none after one failed.
  const requested: Promise<{ data: z.output<S>[] }>[] = [];
  const slots = slotsOf(PARALLEL_PAGES);
  let failed = false;
  const requestUpTo = (pages: number) => {
    for (let n = requested.length + 2; n <= Math.min(pages, MAX_PAGES); n++) {
      const sent = slots(() =>
        failed ? Promise.reject(new Error("an earlier page failed")) : page(n),
      );
      sent.catch(() => {
        failed = true; // the error is thrown where the pages are awaited, in page order
      });
      requested.push(sent);
    }
  };
  // Pages of PAGE_LIMIT items at most; a Gitea whose admin set a smaller page (below) needs more.
  if (Number.isFinite(total)) requestUpTo(Math.ceil(total / PAGE_LIMIT));
  let first: { data: z.output<S>[] };
  try {
    first = await firstAnswer.parse(pageSchema, checkItems);
  } catch (error) {
    failed = true; // no page waiting for a slot is sent after it
    throw error;
  }
  const items: z.output<S>[] = [...first.data];
  if (first.data.length === 0) return items;
  // Gitea caps `limit` at `[api] MAX_RESPONSE_ITEMS` (50 by default, but an admin may set
  // less): the first page tells the real page size, and X-Total-Count the real total.
  const pageSize = Math.min(PAGE_LIMIT, first.data.length);
  let next = 2;
  if (Number.isFinite(total)) {
    requestUpTo(Math.ceil(total / pageSize));
    for (const sent of requested) items.push(...(await sent).data);
    if (items.length >= total) return items;
    next = requested.length + 2; // the listing grew while it was read: go on page by page
  } else if (first.data.length < pageSize) return items;
  for (let n = next; n <= MAX_PAGES; n++) {
    const { data, total } = await page(n);
    items.push(...data);
    if (data.length === 0) return items;
    if (Number.isFinite(total) ? items.length >= total : data.length < pageSize) return items;
  }
  throw new GiteaError(0, "GET", route.slice(4), `more than ${MAX_PAGES} pages; stopped`);
}

/** Listing pages in flight at once: enough for a few thousand issues in one round trip. */
const PARALLEL_PAGES = 8;

/** Runs the tasks given to it with at most `limit` of them unsettled at once, in order. */
function slotsOf(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    else running++;
    try {
      return await task();
    } finally {
      // A slot that ends goes straight to the next task waiting, if any.
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}

/** A listing longer than this many pages is a Gitea or proxy ignoring `page`, not data. */
const MAX_PAGES = 2000;
