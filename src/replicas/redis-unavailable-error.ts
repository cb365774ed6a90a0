/**
 * Redis could not be reached at start (SPEC §9: exit 3, safe to retry). Kept apart from the
 * Redis client so the CLI can recognise it without loading the client.
 */
export class RedisUnavailableError extends Error {
  override readonly name = "RedisUnavailableError";
  readonly exitCode = 3;

  constructor(
    /** `redis://host:port`, without credentials. */
    readonly address: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`Redis at ${address} (REDIS_URL) could not be reached: ${reason}`, options);
  }
}

/** The URL without user name or password, for messages and logs. */
export function redisAddress(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname === "/" ? "" : parsed.pathname}`;
  } catch {
    return "(REDIS_URL is not a URL)";
  }
}
