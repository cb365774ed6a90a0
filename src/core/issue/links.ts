/**
 * The one builder of links into the forge's web UI (Gitea's routes): a commit,
 * `{repo}/commit/{sha}`, and a file (and lines) at a commit, `{repo}/src/commit/{sha}/{path}#L19-L40`,
 * every part URL-encoded.
 */

export function commitUrl(repoHtmlUrl: string, sha: string): string {
  return `${repoHtmlUrl.replace(/\/+$/, "")}/commit/${encodeURIComponent(sha)}`;
}

export function commitFileUrl(
  repoHtmlUrl: string,
  sha: string,
  path: string,
  startLine?: number,
  endLine?: number,
): string {
  const base = repoHtmlUrl.replace(/\/+$/, "");
  const encodedPath = path
    .replace(/^\.?\/+/, "")
    .split("/")
    .map((segment) => encodeURIComponent(segment))
    .join("/");
  return `${base}/src/commit/${encodeURIComponent(sha)}/${encodedPath}${lineAnchor(startLine, endLine)}`;
}

/** `#L19`, `#L19-L40`, or "" without a line. */
export function lineAnchor(startLine?: number, endLine?: number): string {
  if (startLine === undefined) return "";
  if (endLine === undefined || endLine === startLine) return `#L${startLine}`;
  return `#L${startLine}-L${endLine}`;
}

/** `19`, `19-40`, or "" — the same lines as text. */
export function lineSuffix(startLine?: number, endLine?: number): string {
  if (startLine === undefined) return "";
  if (endLine === undefined || endLine === startLine) return `:${startLine}`;
  return `:${startLine}-${endLine}`;
}
