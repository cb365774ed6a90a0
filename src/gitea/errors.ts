/** One error type for every failed Gitea call, printable as one line. */

export class GiteaError extends Error {
  override readonly name = "GiteaError";

  constructor(
    /** HTTP status; 0 when no answer came back (network error). */
    readonly status: number,
    readonly method: string,
    /** Request path below the API base, e.g. `/repos/o/r/issues`. */
    readonly path: string,
    /** Gitea's own `message`, or the network error's text. */
    readonly giteaMessage: string,
    options?: { cause?: unknown },
  ) {
    super(
      `Gitea ${method} ${path} failed: ${status === 0 ? "no answer" : status}${giteaMessage ? ` ${giteaMessage}` : ""}`,
      options,
    );
  }

  /** No answer or a 5xx: Gitea may have applied the request all the same (a proxy's 502, a timeout). */
  get answerLost(): boolean {
    return this.status === 0 || this.status >= 500;
  }
}

interface RequestErrorLike {
  status: number;
  message: string;
  request: { method?: string; url?: string };
  response?: { data?: unknown };
}

function isRequestErrorLike(error: unknown): error is RequestErrorLike {
  return (
    typeof error === "object" &&
    error !== null &&
    "status" in error &&
    typeof error.status === "number" &&
    "request" in error &&
    typeof error.request === "object"
  );
}

/** Converts an Octokit RequestError (or anything thrown by a request) into a GiteaError. */
export function toGiteaError(error: unknown, method: string, path: string): GiteaError {
  if (error instanceof GiteaError) return error;
  if (isRequestErrorLike(error)) {
    const data = error.response?.data;
    // Gitea's error body is `{message, url}`; `url` points at the swagger page and is noise.
    const message =
      typeof data === "object" &&
      data !== null &&
      "message" in data &&
      typeof data.message === "string"
        ? data.message
        : typeof data === "string" && data.length > 0
          ? data.slice(0, 200)
          : error.message;
    const status = error.response === undefined ? 0 : error.status;
    return new GiteaError(status, method, path, message, { cause: error });
  }
  const text = error instanceof Error ? error.message : String(error);
  return new GiteaError(0, method, path, text, { cause: error });
}
