/**
 * The commands in an issue comment: every line that starts with the prefix, outside code and
 * quotes, is one command.
 *
 * - The prefix and the command name are matched case-insensitively (`/Deferbot Sync` from a
 *   phone keyboard is still `sync`); the prefix must be followed by whitespace or the end of
 *   the line (`/deferbotx` is not a command).
 * - Up to three spaces of indentation, as in Markdown; four spaces or a tab make an indented
 *   code block, which is not a command.
 * - Lines in fenced code (``` or ~~~, also inside list items), in quotes (`> /deferbot sync`)
 *   and in multi-line HTML comments are not commands; a command written as inline code does
 *   not start the line with the prefix, so it is not one either.
 * - A bare prefix is `help`. Flags start with `--`; `—` and `–` (what typographic
 *   autocorrection makes of `--`) are read as `--`. An unknown name or flag makes the command
 *   `unknown`, carrying what was typed; other words after the name are kept as `args`.
 */
import {
  COMMAND_NAMES,
  type Command,
  type CommandFlags,
  type CommandName,
  DEFAULT_COMMAND_PREFIX,
} from "./command.js";

const FLAGS: Partial<Record<CommandName, Record<string, keyof CommandFlags>>> = {
  sync: { "--allow-close-all": "allowCloseAll" },
};

const FENCE_OPEN = /^ *(?:(?:[-*+]|\d{1,9}[.)]) +)?(`{3,}|~{3,})(.*)$/;
const FENCE_CLOSE = /^ *(`{3,}|~{3,})[ \t]*$/;
/** A word that is an option: dashes (or an autocorrected dash) followed by a letter; a lone `—` is prose. */
const FLAG = /^(?:--?|—|–)\p{L}/u;
const QUOTE = /^ {0,3}>/;
const HTML_COMMENT_OPEN = /^ {0,3}<!--/;

export function parseCommands(body: string, prefix: string = DEFAULT_COMMAND_PREFIX): Command[] {
  const commandLine = new RegExp(`^ {0,3}${escapeRegExp(prefix)}(?=\\s|$)(.*)$`, "i");
  const lines = body.replace(/^\uFEFF/, "").split(/\r\n|\n|\r/);
  const commands: Command[] = [];
  let fence: { char: string; length: number } | null = null;
  let inHtmlComment = false;

  lines.forEach((line, index) => {
    if (fence) {
      const close = FENCE_CLOSE.exec(line)?.[1];
      if (close && close[0] === fence.char && close.length >= fence.length) fence = null;
      return;
    }
    if (inHtmlComment) {
      if (line.includes("-->")) inHtmlComment = false;
      return;
    }
    if (QUOTE.test(line)) return;
    const open = FENCE_OPEN.exec(line);
    const marker = open?.[1];
    // A backtick fence's info string cannot hold a backtick (that line is inline code).
    if (marker && !(marker[0] === "`" && open[2]?.includes("`"))) {
      fence = { char: marker[0] ?? "`", length: marker.length };
      return;
    }
    if (HTML_COMMENT_OPEN.test(line)) {
      inHtmlComment = !line.slice(line.indexOf("<!--") + 4).includes("-->");
      return;
    }
    const rest = commandLine.exec(line)?.[1];
    if (rest === undefined) return;
    commands.push(readCommand(rest, line.trim(), index + 1));
  });
  return commands;
}

function readCommand(rest: string, raw: string, line: number): Command {
  const words = rest.trim().split(/\s+/).filter(Boolean);
  const [typedName, ...after] = words;
  if (typedName === undefined) return { name: "help", args: [], flags: {}, raw, line };
  const name = COMMAND_NAMES.find((known) => known === typedName.toLowerCase());
  if (!name) {
    return unknown(words, raw, line, `unknown command "${typedName}"`);
  }
  const known = FLAGS[name] ?? {};
  const args: string[] = [];
  const flags: CommandFlags = {};
  for (const word of after) {
    if (!FLAG.test(word)) {
      args.push(word);
      continue;
    }
    const flag = known[word.replace(/^(?:--|—|–)/, "--").toLowerCase()];
    if (!flag) return unknown(words, raw, line, `unknown option "${word}" for ${name}`);
    flags[flag] = true;
  }
  return { name, args, flags, raw, line };
}

function unknown(words: string[], raw: string, line: number, problem: string): Command {
  return { name: "unknown", args: words, flags: {}, raw, line, problem };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
