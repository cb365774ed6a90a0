/** `help`, and the answer to a command the bot does not know. */
import type { Command } from "../core/commands/command.js";
import type { CommandOutcome } from "./context.js";
import { code } from "./text.js";

export async function runHelp(): Promise<CommandOutcome> {
  return { ok: true, text: "The commands I know are listed below.", showHelp: true };
}

export function unknownCommand(command: Command): CommandOutcome {
  const problem = command.problem ? ` (${command.problem})` : "";
  return {
    ok: false,
    text: `I did not understand ${code(command.raw)}${problem.replace(/"([^"]*)"/g, (_, word: string) => code(word))}. The commands I know are listed below.`,
    showHelp: true,
  };
}
