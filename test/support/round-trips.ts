import { httpFetch } from "../../src/gitea/http-fetch.js";

const deferbotFetch = httpFetch as unknown as typeof globalThis.fetch;

/**
 * A `fetch` (deferbot's own, httpFetch) that records, for each request, the round trip it went out in: 1 + that of the latest
 * answer that came before it started (no clock: the order of starts and answers decides).
 */
export interface SentRequest {
  /** `METHOD /path` below `/api/v1`, the path decoded. */
  request: string;
  trip: number;
}

/** `send`: the transport under the recorder (default deferbot's own). */
export function roundTripRecorder(send: typeof globalThis.fetch = deferbotFetch): {
  fetch: typeof globalThis.fetch;
  sent: SentRequest[];
} {
  const sent: SentRequest[] = [];
  const answered: number[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const trip = 1 + Math.max(0, ...answered);
    const path = decodeURIComponent(url.pathname).replace("/api/v1", "");
    sent.push({ request: `${init?.method ?? "GET"} ${path}`, trip });
    try {
      return await send(input, init);
    } finally {
      answered.push(trip);
    }
  };
  return { fetch, sent };
}

/** The round trips of the requests matching `pattern`, in the order they were sent. */
export function tripsOf(sent: readonly SentRequest[], pattern: RegExp): number[] {
  return sent.filter((s) => pattern.test(s.request)).map((s) => s.trip);
}
