/** The oldest Node deferbot runs on (package.json `engines`): require(esm) and stable import attributes. */
export const MIN_NODE = "20.19.0";

/** A one-line reason why `version` (as `process.versions.node`) is too old, or null. */
export function nodeVersionProblem(version: string, tool = "deferbot"): string | null {
  const have = version.split(".").map(Number);
  const need = MIN_NODE.split(".").map(Number);
  for (let i = 0; i < need.length; i++) {
    const a = have[i] ?? 0;
    const b = need[i] ?? 0;
    if (Number.isNaN(a)) break;
    if (a > b) return null;
    if (a < b)
      return `${tool}: Node ${version} is too old: deferbot needs Node ${MIN_NODE.replace(/\.0$/, "")} or later (supported: 20.19+, 22, 24)`;
  }
  return null;
}
