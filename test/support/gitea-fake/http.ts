/** Request/response types shared by the fake's router and handlers, and Gitea's paging. */
import { canWrite, type FakeRepo, type FakeStore, type FakeUser } from "./store.js";

export interface HandlerContext {
  store: FakeStore;
  /** Authenticated caller. */
  user: FakeUser;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  /** ROOT_URL with a trailing slash, e.g. `http://127.0.0.1:3000/`. */
  rootUrl: string;
  /** The request's pathname (as sent, including `/api/v1`) and query string, for Link headers. */
  requestUri: { pathname: string; search: string };
  options: { maxBlobSize: number; defaultPageSize: number; maxPageSize: number };
}

export interface FakeResponse {
  status: number;
  body?: unknown;
  /** Bytes sent as they are instead of `body` as JSON (the raw file endpoint). */
  raw?: Buffer;
  headers?: Record<string, string>;
}

export type Handler = (ctx: HandlerContext) => FakeResponse;

/** Thrown by handlers; the server answers Gitea's error body `{message, url}`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function json(
  status: number,
  body: unknown,
  headers?: Record<string, string>,
): FakeResponse {
  return headers ? { status, body, headers } : { status, body };
}

/** The repository named in the path, or 404 (also for a private repo the caller cannot read). */
export function requireRepo(ctx: HandlerContext): FakeRepo {
  const owner = ctx.params.owner ?? "";
  const name = ctx.params.repo ?? "";
  const repo = ctx.store.repo(owner, name);
  if (!repo || ctx.store.permissionOf(repo, ctx.user.login) === "none") {
    throw new HttpError(404, "The target couldn't be found.");
  }
  return repo;
}

export function requireWrite(ctx: HandlerContext, repo: FakeRepo): void {
  if (!canWrite(ctx.store.permissionOf(repo, ctx.user.login))) {
    throw new HttpError(403, "user should have a permission to write to the repository");
  }
}

/** `page` (1-based) and `limit`: default 30, capped at 50; `per_page` is ignored (page.go). */
export function pageParams(ctx: HandlerContext): { page: number; limit: number } {
  const page = Math.max(1, Number.parseInt(ctx.query.get("page") ?? "", 10) || 1);
  let limit = Number.parseInt(ctx.query.get("limit") ?? "", 10) || 0;
  if (limit <= 0) limit = ctx.options.defaultPageSize;
  if (limit > ctx.options.maxPageSize) limit = ctx.options.maxPageSize;
  return { page, limit };
}

/**
 * One page of `items` with X-Total-Count, and a Link header when `link` is set. Gitea builds the
 * links from ROOT_URL, not from the request host: `<ROOT_URL + uri>; rel="next",…` (comma, no space),
 * the query re-encoded with sorted keys (Go's url.Values.Encode).
 */
export function paged<T>(
  ctx: HandlerContext,
  items: readonly T[],
  map: (item: T) => unknown,
  link: boolean,
): FakeResponse {
  const { page, limit } = pageParams(ctx);
  const slice = items.slice((page - 1) * limit, page * limit);
  const headers: Record<string, string> = { "X-Total-Count": String(items.length) };
  if (link) {
    const value = linkHeader(ctx, items.length, limit, page);
    if (value) headers.Link = value;
  }
  return json(200, slice.map(map), headers);
}

function linkHeader(ctx: HandlerContext, total: number, limit: number, page: number): string {
  const totalPages = Math.ceil(total / limit);
  if (totalPages === 0) return "";
  const current = Math.min(page, totalPages);
  const url = (to: number) => {
    const query = new URLSearchParams(ctx.requestUri.search);
    query.set("page", String(to));
    const sorted = [...query.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const search = new URLSearchParams(sorted).toString();
    return `${ctx.rootUrl}${ctx.requestUri.pathname.slice(1)}?${search}`;
  };
  const links: string[] = [];
  if (current < totalPages) links.push(`<${url(current + 1)}>; rel="next"`);
  if (current !== totalPages) links.push(`<${url(totalPages)}>; rel="last"`);
  if (current !== 1) links.push(`<${url(1)}>; rel="first"`);
  if (current > 1) links.push(`<${url(current - 1)}>; rel="prev"`);
  return links.join(",");
}

/** Body as an object, or 422 like Gitea's JSON binding. */
export function bodyObject(ctx: HandlerContext): Record<string, unknown> {
  const body = ctx.body ?? {};
  if (typeof body !== "object" || Array.isArray(body) || body === null) {
    throw new HttpError(422, "invalid JSON body");
  }
  return body as Record<string, unknown>;
}

export function optionalString(body: Record<string, unknown>, field: string): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw new HttpError(422, `[${field}]: must be a string`);
  return value;
}

export function requiredString(body: Record<string, unknown>, field: string): string {
  const value = optionalString(body, field);
  if (value === undefined || value === "") throw new HttpError(422, `[${field}]: Required`);
  return value;
}

export function pathNumber(ctx: HandlerContext, name: string): number {
  const value = Number(ctx.params[name]);
  return Number.isInteger(value) && value > 0 ? value : 0;
}
