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
): Promise<GiteaResponse<z.output<S>>> {
  const [method = "GET", template = ""] = route.split(" ");
  const path = expandPath(template, params);
  let response: GiteaResponse<unknown>;
  let data: unknown;
  try {
    response = await (octokit.request as LooseRequest)(route, { ...params, ...UNPARSED });
    data = await jsonOf(response);
  } catch (error) {
    if (error instanceof SyntaxError)
      throw new GiteaError(0, method, path, `unexpected response (${error.message})`);
    throw toGiteaError(error, method, path);
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? `${issue.path.join(".") || "(root)"}: ${issue.message}` : "";
    throw new GiteaError(response.status, method, path, `unexpected response (${where})`);
  }
  return { status: response.status, headers: response.headers, data: parsed.data };
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

/** A body stream as UTF-8 text, read without the global `Response` (which loads all of undici). */
async function textOf(stream: ReadableStream<Uint8Array>): Promise<string> {
  const decoder = new TextDecoder();
  let text = "";
  for await (const chunk of stream) text += decoder.decode(chunk, { stream: true });
  return text + decoder.decode();
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
 * ⌈M/50⌉); without it, page by page until a page shorter than the first.
 */
export async function sendAllPages<S extends z.ZodMiniType>(
  octokit: OctokitLike,
  route: `GET /${string}`,
  params: Record<string, unknown>,
  itemSchema: S,
): Promise<z.output<S>[]> {
  const page = async (n: number) => {
    const { data, headers } = await send(
      octokit,
      route,
      { ...params, limit: PAGE_LIMIT, page: n },
      z.array(itemSchema),
    );
    const total = headers["x-total-count"];
    return { data, total: total === undefined ? Number.NaN : Number(total) };
  };
  const first = await page(1);
  const items: z.output<S>[] = [...first.data];
  if (first.data.length === 0) return items;
  // Gitea caps `limit` at `[api] MAX_RESPONSE_ITEMS` (50 by default, but an admin may set
  // less): the first page tells the real page size, and X-Total-Count the real total.
  const pageSize = Math.min(PAGE_LIMIT, first.data.length);
  let next = 2;
  if (Number.isFinite(first.total)) {
    const pages = Math.min(Math.ceil(first.total / pageSize), MAX_PAGES);
    for (let from = next; from <= pages; from += PARALLEL_PAGES) {
      const batch = [];
      for (let n = from; n < from + PARALLEL_PAGES && n <= pages; n++) batch.push(page(n));
      for (const { data } of await Promise.all(batch)) items.push(...data);
    }
    if (items.length >= first.total) return items;
    next = pages + 1; // the listing grew while it was read: go on page by page
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

/** A listing longer than this many pages is a Gitea or proxy ignoring `page`, not data. */
const MAX_PAGES = 2000;
