/** `deferbot`'s commander program: the lazily loaded subcommands of ./subcommands.ts. */
import { Command, CommanderError } from "commander";
import { VERSION } from "../version.js";
import { requestedSubcommand, SUBCOMMANDS } from "./subcommands.js";

async function main(args: readonly string[]): Promise<void> {
  const program = new Command("deferbot")
    .description("Keep one Gitea issue per finding of a deferred-findings register")
    .version(VERSION, "-V, --version", "print deferbot's version");
  const wanted = requestedSubcommand(args);
  for (const [name, { summary, load }] of Object.entries(SUBCOMMANDS)) {
    program.addCommand(name === wanted ? await load() : new Command(name).description(summary));
  }
  for (const command of [program, ...program.commands]) command.exitOverride();
  await program.parseAsync(args, { from: "user" });
}

/** Runs the command line `args` (argv without node and the script); sets the exit code. */
export async function runProgram(args: readonly string[]): Promise<void> {
  try {
    await main(args);
  } catch (error) {
    // Commander has already printed its one-line message (or the help) to stderr or stdout.
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode === 0 ? 0 : 2;
    } else {
      process.stderr.write(`deferbot: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 2;
    }
  }
}
