/**
 * The subcommands of `deferbot`: a subcommand is one file under ./commands and one entry here.
 * Its module is imported only when that subcommand runs (or its help is asked for), so
 * `deferbot --help` and `--version` load neither Probot nor remark nor zod.
 */
import type { Command } from "commander";

export interface Subcommand {
  /** The line `deferbot --help` shows; a test keeps it equal to the command's own description. */
  summary: string;
  load: () => Promise<Command>;
}

export const SUBCOMMANDS: Record<string, Subcommand> = {
  plan: {
    summary: "parse a findings register and print the issues it would produce (offline)",
    load: async () => (await import("./commands/plan.js")).planCommand(),
  },
  check: {
    summary: "check a configuration and a register together, as the bot reads them (offline)",
    load: async () => (await import("./commands/check.js")).checkCommand(),
  },
  sync: {
    summary:
      "sync a repository's tracking issues with its register now (uses GITEA_URL, GITEA_TOKEN)",
    load: async () => (await import("./commands/sync.js")).syncCommand(),
  },
  preview: {
    summary:
      "print what merging a pull request would do to the tracking issues, writing nothing (uses GITEA_URL, GITEA_TOKEN)",
    load: async () => (await import("./commands/preview.js")).previewCommand(),
  },
  serve: {
    summary: "serve Gitea's webhooks (uses GITEA_URL, GITEA_TOKEN, WEBHOOK_SECRET, and more below)",
    load: async () => (await import("./commands/serve.js")).serveCommand(),
  },
  action: {
    summary:
      "handle the event of a Gitea Actions job (uses GITHUB_EVENT_NAME, GITHUB_EVENT_PATH, GITHUB_SERVER_URL or GITEA_URL, DEFERBOT_TOKEN)",
    load: async () => (await import("./commands/action.js")).actionCommand(),
  },
};

/** The subcommand `args` (argv without node and the script) runs or asks help for, if any. */
export function requestedSubcommand(args: readonly string[]): string | null {
  const words = args.filter((arg) => !arg.startsWith("-"));
  const name = words[0] === "help" ? words[1] : words[0];
  return name !== undefined && Object.hasOwn(SUBCOMMANDS, name) ? name : null;
}
