/**
 * deferbot's Octokit for Gitea: @octokit/core (requests, hooks, token auth) with our two plugins
 * and nothing else. Only `request` is used (src/gitea/client.ts `send`), so Probot's plugin set
 * (REST methods, pagination, throttling, its retry, its request log) would only cost start-up
 * time; the server hands Probot its own class (./probot-octokit.ts).
 */
import { Octokit } from "@octokit/core";
import { httpFetch } from "./http-fetch.js";
import { type GiteaRequestObserver, giteaRequestObserver } from "./request-observer.js";
import { type GiteaRetryOptions, giteaRetry } from "./retry-plugin.js";

/**
 * No throttling: Gitea has no rate limiter and no `x-ratelimit-*` headers. Retries are
 * `giteaRetry`'s (reads only, never 4xx; writes are re-read and merged). The observer comes
 * first so the retry plugin wraps it: it sees each attempt.
 */
export const GiteaCoreOctokit = Octokit.plugin(giteaRequestObserver, giteaRetry);

export type GiteaOctokitInstance = InstanceType<typeof GiteaCoreOctokit>;

export interface CreateOctokitOptions {
  token: string;
  /** API base URL, e.g. `https://git.example/api/v1` (see `normaliseGiteaUrl`). */
  apiBaseUrl: string;
  /** Backoff before each retry of a read; tests pass `[0]` or `[]`. */
  retryDelaysMs?: readonly number[];
  /** A pino-like logger; Octokit's default logs warnings to the console. */
  log?: {
    debug: (...a: unknown[]) => void;
    info: (...a: unknown[]) => void;
    warn: (...a: unknown[]) => void;
    error: (...a: unknown[]) => void;
  };
  /** Replaces `httpFetch` (tests). */
  fetch?: typeof globalThis.fetch;
  /** Told every attempt of every request (its route template, status, time). */
  onRequest?: GiteaRequestObserver;
  /** Gives up on a request after this long (a network error, so a GET is retried). Default 30 s. */
  timeoutMs?: number;
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/**
 * `fetch` with a deadline: Node's own waits up to 300 s for headers, which would hold a
 * repository's sync (and its place in the queue) on a Gitea that hangs.
 */
function withTimeout(fetcher: typeof globalThis.fetch, ms: number): typeof globalThis.fetch {
  return (input, init) => {
    const deadline = AbortSignal.timeout(ms);
    const signal = init?.signal ? AbortSignal.any([init.signal, deadline]) : deadline;
    return fetcher(input, { ...init, signal });
  };
}

/** `httpFetch` as Octokit calls it: it answers with what @octokit/request reads of a Response. */
const nodeFetch = httpFetch as unknown as typeof globalThis.fetch;

/**
 * An authenticated Octokit for one Gitea token: @octokit/auth-token sends it as
 * `Authorization: token <T>`, the header Gitea documents.
 */
export function createGiteaOctokit(options: CreateOctokitOptions): GiteaOctokitInstance {
  const giteaRetryOptions: GiteaRetryOptions =
    options.retryDelaysMs === undefined ? {} : { delaysMs: options.retryDelaysMs };
  return new GiteaCoreOctokit({
    auth: options.token,
    baseUrl: options.apiBaseUrl.replace(/\/+$/, ""),
    giteaRetry: giteaRetryOptions,
    ...(options.onRequest ? { giteaObserver: options.onRequest } : {}),
    ...(options.log ? { log: options.log } : {}),
    request: {
      fetch: withTimeout(
        options.fetch ?? nodeFetch,
        options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      ),
    },
  });
}
