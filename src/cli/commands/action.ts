/** `deferbot action`: the event of a Gitea Actions job, handled as the server would (SPEC §7). */
import { Command } from "commander";
import { runAction } from "../../action/run-action.js";

export function actionCommand(): Command {
  return new Command("action")
    .description(
      "handle the event of a Gitea Actions job (uses GITHUB_EVENT_NAME, GITHUB_EVENT_PATH, GITHUB_SERVER_URL or GITEA_URL, DEFERBOT_TOKEN)",
    )
    .action(async () => {
      process.exitCode = await runAction({
        env: process.env,
        stdout: (text) => process.stdout.write(text),
        stderr: (text) => process.stderr.write(text),
      });
    });
}
