/** What `--help` says: the variables a command reads, and the command-line form of a close-all sync. */
import type { Command } from "commander";
import { describe, expect, it } from "vitest";
import { checkCommand } from "../../src/cli/commands/check.js";
import { planCommand } from "../../src/cli/commands/plan.js";
import { serveCommand } from "../../src/cli/commands/serve.js";
import { ENV_VARS } from "../../src/settings/env-vars.js";

function helpOf(command: Command): string {
  let text = "";
  command.configureOutput({
    writeOut: (chunk) => {
      text += chunk;
    },
  });
  command.outputHelp();
  return text;
}

describe("deferbot serve --help", () => {
  const help = helpOf(serveCommand()).replace(/\s+/g, " ");

  it("names every variable serve reads", () => {
    for (const variable of ENV_VARS.filter((v) => v.commands.includes("serve")))
      expect(help).toContain(variable.name);
  });

  it("names --allow-close-all in both its forms", () => {
    expect(help).toContain("/deferbot sync --allow-close-all");
    expect(help).toContain("deferbot sync --repo owner/name --allow-close-all");
  });
});

describe("plan and check --help", () => {
  it("offer --config", () => {
    expect(helpOf(planCommand())).toContain("--config <file>");
    expect(helpOf(checkCommand())).toContain("--config <file>");
  });
});
