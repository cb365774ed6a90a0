/** The reply to `help` and to a command the bot does not know: a Markdown list of the commands. */
import { IGNORED_LABEL } from "../config/repo-config.js";
import {
  COMMAND_NAMES,
  COMMANDS_NEEDING_WRITE,
  type CommandName,
  DEFAULT_COMMAND_PREFIX,
  TRACKED_ONLY,
} from "./command.js";

const USAGE: Record<CommandName, { args?: string; does: string }> = {
  help: { does: "lists these commands." },
  sync: {
    args: "[--allow-close-all]",
    does:
      "syncs the repository with the document now and replies with the summary; " +
      "`--allow-close-all` lets it close the tracking issues even when the document is gone or has no findings.",
  },
  refresh: {
    does: "rewrites this issue's generated block from the document (repairs a block edited by hand).",
  },
  status: {
    does: "tells where the finding is in the document, the checklist progress and the last sync.",
  },
  ignore: {
    does: `closes this issue with the label \`${IGNORED_LABEL}\` and keeps it closed while the finding stays in the document.`,
  },
  unignore: { does: "reopens this issue and resumes syncing it." },
  resolve: {
    does: "opens a pull request that removes the finding from the document and closes this issue when merged.",
  },
};

export function helpText(prefix: string = DEFAULT_COMMAND_PREFIX): string {
  return COMMAND_NAMES.map((name) => {
    const { args, does } = USAGE[name];
    const usage = args ? `${prefix} ${name} ${args}` : `${prefix} ${name}`;
    const where = [
      TRACKED_ONLY.has(name) ? "tracking issues only" : "",
      COMMANDS_NEEDING_WRITE.has(name) ? "needs write access" : "",
    ].filter(Boolean);
    const note = where.length > 0 ? ` _(${where.join("; ")})_` : "";
    return `- \`${usage}\` — ${does}${note}`;
  }).join("\n");
}
