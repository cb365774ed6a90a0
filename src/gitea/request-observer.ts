/**
 * An Octokit plugin that tells every attempt of every Gitea request, once it is answered: the
 * route template (`GET /repos/{owner}/{repo}/issues`, as `send` names it: never a filled-in URL,
 * so no query, no credentials, few distinct values), the status (0: no answer), the time and
 * the attempt (1 first; the retry plugin wraps this one and sends the same options again).
 * Reads `giteaObserver` from the constructor options; the server's log and `/metrics` listen.
 */

export interface GiteaRequestSeen {
  /** `METHOD /template`. */
  route: string;
  /** HTTP status; 0 when no answer came (network error, timeout). */
  status: number;
  ms: number;
  attempt: number;
}

export type GiteaRequestObserver = (request: GiteaRequestSeen) => void;

interface RequestOptionsLike {
  method?: string;
  url?: string;
}

interface RequestHook {
  wrap(
    name: "request",
    wrapper: (
      request: (o: unknown) => Promise<unknown>,
      options: RequestOptionsLike,
    ) => Promise<unknown>,
  ): void;
}

/** A template as sent; a full URL (not one deferbot sends) keeps only its path, without a query. */
export function routeOf(options: RequestOptionsLike): string {
  const method = (options.method ?? "GET").toUpperCase();
  let path = options.url ?? "";
  if (/^https?:\/\//i.test(path)) {
    try {
      path = new URL(path).pathname;
    } catch {
      path = "(unparsable URL)";
    }
  }
  return `${method} ${path.split("?")[0]}`;
}

function statusOf(value: unknown): number {
  if (typeof value !== "object" || value === null || !("status" in value)) return 0;
  // @octokit/request reports a network error as status 500 without a response.
  if ("response" in value && value.response === undefined) return 0;
  return typeof value.status === "number" ? value.status : 0;
}

export function giteaRequestObserver(
  octokit: { hook: unknown },
  options: { giteaObserver?: GiteaRequestObserver; [key: string]: unknown },
) {
  const observe = options.giteaObserver;
  if (observe === undefined) return {};
  const attempts = new WeakMap<object, number>();
  (octokit.hook as RequestHook).wrap("request", async (request, requestOptions) => {
    const attempt = (attempts.get(requestOptions) ?? 0) + 1;
    attempts.set(requestOptions, attempt);
    const route = routeOf(requestOptions);
    const started = performance.now();
    const seen = (status: number) =>
      observe({ route, status, ms: Math.round(performance.now() - started), attempt });
    try {
      const response = await request(requestOptions);
      seen(statusOf(response));
      return response;
    } catch (error) {
      seen(statusOf(error));
      throw error;
    }
  });
  return {};
}
