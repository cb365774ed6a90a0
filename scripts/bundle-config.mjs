/**
 * The esbuild builds of deferbot: the npm package's bundle (bundle/: the `deferbot` entry, one
 * chunk per lazily imported subcommand, and every worker entry) and the JavaScript action's
 * committed bundle (action/). Both are ESM for Node 20.19+, with nothing left in node_modules.
 *
 * Worker entries are found, not listed: a source file under src/ that says
 * `new URL("./NAME.js", import.meta.url)` makes its sibling NAME.ts an entry, emitted as NAME.js
 * beside the bundle's entry and chunks (all in one folder), so the same URL resolves in the tsc
 * build (dist/src/…/NAME.js) and in the bundle (bundle/NAME.js).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

/** CommonJS packages inlined into ESM call `require` for Node's built-ins: give them one. */
const REQUIRE_BANNER = [
  'import { createRequire as __deferbotCreateRequire } from "node:module";',
  "const require = __deferbotCreateRequire(import.meta.url);",
].join("\n");

const WORKER_URL = /new URL\(\s*["']\.\/([\w.-]+)\.js["']\s*,\s*import\.meta\.url\s*\)/g;

/** @param {string} dir @returns {string[]} */
function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

/** `{ in, out }` for each worker a source file starts by URL (see above), sorted by output name. */
/** @returns {{ in: string, out: string }[]} */
export function workerEntries(root = ROOT) {
  const entries = new Map();
  for (const file of sourceFiles(join(root, "src"))) {
    for (const match of readFileSync(file, "utf8").matchAll(WORKER_URL)) {
      const name = match[1];
      const source = join(dirname(file), `${name}.ts`);
      if (!existsSync(source)) continue;
      const input = relative(root, source).split("\\").join("/");
      const known = entries.get(name);
      if (known !== undefined && known !== input)
        throw new Error(`two workers would both be bundled as ${name}.js: ${known} and ${input}`);
      entries.set(name, input);
    }
  }
  return [...entries]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([out, input]) => ({ in: input, out }));
}

/**
 * zod re-exports every one of its ~50 locales as `z.locales` (about 300 kB, a sixth of what
 * `deferbot sync` loads); deferbot uses only the English messages zod sets by default.
 * @type {import("esbuild").Plugin}
 */
export const zodEnglishOnly = {
  name: "zod-english-only",
  setup(build) {
    build.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, (args) => ({
      contents: 'export { default as en } from "./en.js";\n',
      resolveDir: dirname(args.path),
      loader: "js",
    }));
  },
};

/** @param {string} root @returns {import("esbuild").BuildOptions} */
function common(root) {
  return {
    absWorkingDir: root,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20.19",
    banner: { js: REQUIRE_BANNER },
    // Licences are gathered into THIRD-PARTY-NOTICES.md from the metafile instead.
    legalComments: "none",
    // Relative paths only in the output, so a build is the same on every machine.
    sourcemap: false,
    metafile: true,
    logLevel: "warning",
    charset: "utf8",
    plugins: [zodEnglishOnly],
  };
}

/**
 * The npm package's bundle: bundle/deferbot.js, its chunks and workers, all in one folder.
 * @returns {import("esbuild").BuildOptions & { outdir: string }}
 */
export function cliBuild(root = ROOT, outdir = join(root, "bundle")) {
  return {
    ...common(root),
    entryPoints: [{ in: "src/cli/main.ts", out: "deferbot" }, ...workerEntries(root)],
    splitting: true,
    chunkNames: "[name]-[hash]",
    outdir,
  };
}

/**
 * The action's bundle: action/index.js (action.yml `main`) and the workers, one file each.
 * @returns {import("esbuild").BuildOptions & { outdir: string }}
 */
export function actionBuild(root = ROOT, outdir = join(root, "action")) {
  return {
    ...common(root),
    entryPoints: [{ in: "src/action/main.ts", out: "index" }, ...workerEntries(root)],
    splitting: false,
    outdir,
  };
}
