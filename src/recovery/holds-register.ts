/** Whether a repository holds a register: its configuration's document at the default branch head. */
import type { RepoHandle } from "../service/deferbot.js";

/** The head it looked at, or null when the document is not there. */
export async function registerHead({ forge, configs }: RepoHandle): Promise<string | null> {
  const sha = await forge.defaultBranchHead();
  const { config } = await configs.get(sha);
  const file = await forge.readFile(config.document, sha);
  return file.kind === "missing" ? null : sha;
}
