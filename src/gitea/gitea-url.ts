/** Normalises `GITEA_URL` into the web root and the API base URL. */

export interface GiteaUrls {
  /** Web root without trailing slash, e.g. `https://git.example` or `https://host/gitea`. */
  webUrl: string;
  /** API base, e.g. `https://git.example/api/v1`. */
  apiBaseUrl: string;
}

/** Accepts `https://host`, `https://host/`, `https://host/api/v1`, `https://host/sub/api/v1/`. */
export function normaliseGiteaUrl(raw: string): GiteaUrls {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new Error(`GITEA_URL is not a URL: ${JSON.stringify(raw)}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new Error(`GITEA_URL must start with http:// or https://, got ${JSON.stringify(raw)}`);
  }
  if (url.search || url.hash) {
    throw new Error(`GITEA_URL must not have a query or fragment: ${JSON.stringify(raw)}`);
  }
  const path = url.pathname.replace(/\/+$/, "").replace(/\/api\/v1$/, "");
  const webUrl = `${url.origin}${path}`;
  return { webUrl, apiBaseUrl: `${webUrl}/api/v1` };
}
