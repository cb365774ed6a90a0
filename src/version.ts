/**
 * deferbot's version, as package.json says (a test keeps the two equal; `npm version` rewrites
 * this file through scripts/sync-version.mjs). A constant, so the bundle needs no package.json.
 */
export const VERSION = "0.2.0";
