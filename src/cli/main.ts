#!/usr/bin/env node
/** The `deferbot` command line. A subcommand is one file under ./commands and one line below. */
import { Command, CommanderError } from "commander";
import { actionCommand } from "./commands/action.js";
import { checkCommand } from "./commands/check.js";
import { planCommand } from "./commands/plan.js";
import { serveCommand } from "./commands/serve.js";
import { syncCommand } from "./commands/sync.js";

const program = new Command("deferbot").description(
  "Keep one Gitea issue per finding of a deferred-findings register",
);
program.addCommand(planCommand());
program.addCommand(checkCommand());
program.addCommand(syncCommand());
program.addCommand(serveCommand());
program.addCommand(actionCommand());

for (const command of [program, ...program.commands]) command.exitOverride();

try {
  await program.parseAsync(process.argv);
} catch (error) {
  // Commander has already printed its one-line message (or the help) to stderr or stdout.
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  } else {
    process.stderr.write(`deferbot: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  }
}
