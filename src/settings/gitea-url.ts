/** GITEA_URL read as the server's root URL and its API base (SPEC §6: a trailing /api/v1 is accepted). */

export type GiteaUrl = { webUrl: string; apiBaseUrl: string };

/** The URLs, or what is wrong with the text (without the variable's name). */
export function normaliseGiteaUrl(raw: string): { value: GiteaUrl } | { problem: string } {
  const expected = "must be an http(s) URL such as https://git.example.com";
  // Never `{value}` (the raw text): a query or user info may hold a token, and this goes to logs.
  const got = `(got ${JSON.stringify(redactUrlText(raw.trim()))})`;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { problem: `${expected} ${got}` };
  }
  if (url.username || url.password)
    return { problem: "must not contain a user name or password (put the token in GITEA_TOKEN)" };
  if ((url.protocol !== "http:" && url.protocol !== "https:") || !url.hostname)
    return { problem: `${expected} ${got}` };
  if (url.search || url.hash) return { problem: `must not have a query or fragment ${got}` };
  const path = url.pathname.replace(/\/+$/, "").replace(/\/api\/v1$/, "");
  const webUrl = `${url.origin}${path}`;
  return { value: { webUrl, apiBaseUrl: `${webUrl}/api/v1` } };
}

/** The URL text with its user info, query and fragment replaced by `…` (they may carry secrets). */
export function redactUrlText(text: string): string {
  return text.replace(/^([^/?#]*\/\/)[^/?#@]*@/, "$1…@").replace(/([?#]).*$/s, "$1…");
}
