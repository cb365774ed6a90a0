/**
 * Our retry policy for Gitea (SPEC §3.4 "Calls"): only reads (GET, HEAD), only on 5xx and network
 * errors, short backoff. No write is ever resent as it was: a PATCH or PUT whose answer was lost
 * may have been applied, and a person may have ticked or written since, so resending the old
 * body would erase that — the sync re-reads and merges again instead (`src/sync/reread-write.ts`).
 * A POST is never retried (a retried create makes a twin) and a 4xx never is.
 * Probot's own plugin-retry is switched off: it retries 409 and most 4xx with 1/4/9 s waits.
 */

export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [100, 300, 900];

const READ_METHODS = new Set(["GET", "HEAD"]);

export interface GiteaRetryOptions {
  /** Wait before each retry; its length is the number of retries. `[]` turns retries off. */
  delaysMs?: readonly number[];
}

interface RequestOptionsLike {
  method: string;
}

type RequestFn = (options: RequestOptionsLike) => Promise<unknown>;

interface RequestHook {
  wrap(
    name: "request",
    wrapper: (request: RequestFn, options: RequestOptionsLike) => Promise<unknown>,
  ): void;
}

/**
 * A status ≥ 500 is retryable. @octokit/request reports network errors (and aborts) as
 * status 500 without a response, so they are covered too.
 */
export function isRetryableError(error: unknown): boolean {
  if (typeof error !== "object" || error === null || !("status" in error)) return false;
  return typeof error.status === "number" && error.status >= 500;
}

/** Whether a request only reads, so resending it cannot undo anything. */
export function isReadMethod(method: string): boolean {
  return READ_METHODS.has(method.toUpperCase());
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Octokit plugin; reads `giteaRetry` from the constructor options. */
export function giteaRetry(
  octokit: { hook: unknown },
  options: { giteaRetry?: GiteaRetryOptions; [key: string]: unknown },
) {
  const delays = options.giteaRetry?.delaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  (octokit.hook as RequestHook).wrap("request", async (request, requestOptions) => {
    const retryable = isReadMethod(requestOptions.method);
    for (let attempt = 0; ; attempt++) {
      try {
        return await request(requestOptions);
      } catch (error) {
        const delay = delays[attempt];
        if (!retryable || delay === undefined || !isRetryableError(error)) throw error;
        await sleep(delay);
      }
    }
  });
  return {};
}
