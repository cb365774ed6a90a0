/**
 * The esbuild builds of deferbot: the npm package's bundle (bundle/: the `deferbot` launcher, the
 * program it imports, one chunk per lazily imported subcommand, and every worker entry) and the
 * JavaScript action's committed bundle (action/). Both are ESM for Node 20.19+ (but for the
 * CommonJS launcher), with nothing left in node_modules.
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

const REDIS_COMMAND_TABLE = /[\\/]@redis[\\/]client[\\/]dist[\\/]lib[\\/]commands[\\/]index\.js$/;
const REDIS_COMMAND_METADATA =
  /[\\/]@redis[\\/]client[\\/]dist[\\/]lib[\\/]command-metadata[\\/]command-metadata-data\.js$/;
const NAMED_BY_CLIENT = /\bcommands_1\.default\.([A-Z][A-Z0-9_]*)\b/g;

/**
 * node-redis's client module requires its table of every Redis command (~500 modules) and the
 * commands' metadata: two thirds of what the Redis lock's chunk would load (1.25 MB, ~30 ms of a
 * no-op sync). The table serves `createClient`'s one method per command, multi, the pool and the
 * legacy mode; the metadata, client-side caching and cluster routing. The lock uses none of them:
 * it builds the client class itself and sends its four commands by `sendCommand`. So the table
 * is cut to the commands the client module names on its own (AUTH and the like, found in its
 * source here, so an upgrade that names another is followed) and the metadata is empty (every
 * command unknown, so never cached). test/release/bundle-redis.test.ts runs the bundled lock
 * against a real redis-server that asks for a password.
 * @type {import("esbuild").Plugin}
 */
export const redisCommandTableTrimmed = {
  name: "redis-command-table-trimmed",
  setup(build) {
    build.onLoad({ filter: REDIS_COMMAND_METADATA }, () => ({
      contents: '"use strict";\nexports.COMMAND_METADATA = {};\n',
      loader: "js",
    }));
    build.onLoad({ filter: REDIS_COMMAND_TABLE }, (args) => {
      const dir = dirname(args.path);
      const client = readFileSync(join(dir, "..", "client", "index.js"), "utf8");
      const names = [...new Set([...client.matchAll(NAMED_BY_CLIENT)].map((m) => m[1]))].sort();
      if (names.length === 0) throw new Error(`${args.path}: the client module names no command`);
      for (const name of names)
        if (!existsSync(join(dir, `${name}.js`)))
          throw new Error(`${args.path}: the client names ${name}, which has no module`);
      const table = names.map((name) => `  ${name}: require("./${name}.js").default,`);
      return {
        contents: [
          '"use strict";',
          "exports.NON_STICKY_COMMANDS = {};",
          "exports.default = {",
          ...table,
          "};",
          "",
        ].join("\n"),
        resolveDir: dir,
        loader: "js",
      };
    });
  },
};

const REDIS_OPENTELEMETRY =
  /[\\/]@redis[\\/]client[\\/]dist[\\/]lib[\\/]opentelemetry[\\/]index\.js$/;

/**
 * node-redis's OpenTelemetry metrics (its own modules and @opentelemetry/api, ~0.1 MB) record
 * only after the application calls its `OpenTelemetry.init`, which deferbot never does; until
 * then the client only registers itself with their registry. The client module is all that
 * requires them, for that registry alone (checked here, so an upgrade that uses more is looked
 * at): it gets a registry that keeps nothing.
 * @type {import("esbuild").Plugin}
 */
export const redisMetricsUnused = {
  name: "redis-metrics-unused",
  setup(build) {
    build.onLoad({ filter: REDIS_OPENTELEMETRY }, (args) => {
      const client = readFileSync(join(dirname(args.path), "..", "client", "index.js"), "utf8");
      const used = [...new Set(client.match(/\bopentelemetry_1\.[\w.]+/g) ?? [])].sort();
      const expected = [
        "opentelemetry_1.ClientRegistry.instance.register",
        "opentelemetry_1.ClientRegistry.instance.unregister",
      ];
      if (used.join() !== expected.join())
        throw new Error(`${args.path}: the client uses ${used.join(", ")} of its metrics`);
      return {
        contents: [
          '"use strict";',
          "exports.ClientRegistry = { instance: { register() {}, unregister() {} } };",
          "",
        ].join("\n"),
        loader: "js",
      };
    });
  },
};

/**
 * A plugin that makes one module require a Node builtin when it first uses it rather than when it
 * loads: `statement` (the module's top-level require) becomes `replacement`. Every use of
 * `binding` in the module must be one of `uses`, else the build fails, so an upgrade that uses
 * the builtin another way is looked at.
 * @param {{ name: string, filter: RegExp, statement: string, binding: string, uses: string[], replacement: string }} spec
 * @returns {import("esbuild").Plugin}
 */
function requiredOnDemand({ name, filter, statement, binding, uses, replacement }) {
  const used = new RegExp(`\\b${binding}\\.[\\w.]+`, "g");
  return {
    name,
    setup(build) {
      build.onLoad({ filter }, (args) => {
        const source = readFileSync(args.path, "utf8");
        const found = source.match(used) ?? [];
        if (!source.includes(statement) || found.some((use) => !uses.includes(use)))
          throw new Error(
            `${args.path}: ${binding} is required or used in a way this build does not know`,
          );
        return {
          contents: source.replace(statement, replacement),
          resolveDir: dirname(args.path),
          loader: "js",
        };
      });
    },
  };
}

/**
 * node-redis's socket module requires node:tls (with its share of crypto, ~3 ms of a start) for
 * `rediss://` alone; a `redis://` URL never uses it. It is required when first used instead.
 */
export const redisTlsOnDemand = requiredOnDemand({
  name: "redis-tls-on-demand",
  filter: /[\\/]@redis[\\/]client[\\/]dist[\\/]lib[\\/]client[\\/]socket\.js$/,
  statement: 'const node_tls_1 = __importDefault(require("node:tls"));',
  binding: "node_tls_1",
  uses: ["node_tls_1.default.connect"],
  replacement: 'const node_tls_1 = { get default() { return require("node:tls"); } };',
});

/**
 * commander requires node:child_process (and with it net, dgram and more, ~4 ms of every start)
 * for executable subcommands, which it starts with `childProcess.spawn`; deferbot has none. The
 * module is required when `spawn` is first called instead.
 */
export const commanderSpawnOnDemand = requiredOnDemand({
  name: "commander-spawn-on-demand",
  filter: /[\\/]commander[\\/]lib[\\/]command\.js$/,
  statement: "const childProcess = require('node:child_process');",
  binding: "childProcess",
  uses: ["childProcess.spawn"],
  replacement:
    "const childProcess = { spawn: (...args) => require('node:child_process').spawn(...args) };",
});

/** What every build shares, ESM or the CommonJS launcher. @param {string} root @returns {import("esbuild").BuildOptions} */
function shared(root) {
  return {
    absWorkingDir: root,
    bundle: true,
    platform: "node",
    target: "node20.19",
    // Licences are gathered into THIRD-PARTY-NOTICES.md from the metafile instead.
    legalComments: "none",
    // Relative paths only in the output, so a build is the same on every machine.
    sourcemap: false,
    metafile: true,
    logLevel: "warning",
    charset: "utf8",
  };
}

/** @param {string} root @returns {import("esbuild").BuildOptions} */
function common(root) {
  return {
    ...shared(root),
    format: "esm",
    banner: { js: REQUIRE_BANNER },
    plugins: [
      zodEnglishOnly,
      redisCommandTableTrimmed,
      redisMetricsUnused,
      redisTlsOnDemand,
      commanderSpawnOnDemand,
    ],
  };
}

/**
 * The npm package's bundle: the program (bundle/program.js), its chunks and workers, all in one
 * folder. The `deferbot` command itself is the launcher of `launcherBuild`.
 * @returns {import("esbuild").BuildOptions & { outdir: string }}
 */
export function cliBuild(root = ROOT, outdir = join(root, "bundle")) {
  return {
    ...common(root),
    entryPoints: [{ in: "src/cli/program.ts", out: "program" }, ...workerEntries(root)],
    splitting: true,
    chunkNames: "[name]-[hash]",
    outdir,
  };
}

/** The launcher's one import: the program of `cliBuild`, beside it in the same folder. */
const PROGRAM = /^\.\/program\.js$/;

/**
 * package.json's `bin`, bundle/deferbot.cjs: src/cli/main.ts as CommonJS. A CommonJS file starts
 * without Node's ES module loader (about a quarter of a bare `node -e 0`), so the Node version
 * check and `--version` answer before it loads; everything else imports ./program.js, which
 * loads it then. It may inline deferbot's own files only (bundle.test.ts holds it to that).
 * @returns {import("esbuild").BuildOptions & { outdir: string }}
 */
export function launcherBuild(root = ROOT, outdir = join(root, "bundle")) {
  return {
    ...shared(root),
    format: "cjs",
    entryPoints: [{ in: "src/cli/main.ts", out: "deferbot" }],
    outExtension: { ".js": ".cjs" },
    outdir,
    plugins: [
      {
        name: "program-beside-the-launcher",
        setup(build) {
          build.onResolve({ filter: PROGRAM }, (args) => ({ path: args.path, external: true }));
        },
      },
    ],
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

/**
 * Every esbuild build of `which`, all writing to `outdir`: the command line's (the program and
 * its launcher) or the action's.
 * @param {"cli" | "action"} which
 * @param {string} [root]
 * @param {string} [outdir] default: bundle/ or action/
 * @returns {(import("esbuild").BuildOptions & { outdir: string })[]}
 */
export function buildsOf(which, root = ROOT, outdir) {
  return which === "cli"
    ? [cliBuild(root, outdir), launcherBuild(root, outdir)]
    : [actionBuild(root, outdir)];
}
