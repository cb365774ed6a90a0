/**
 * The `deferbot/preview` status when the configuration at the PR's head has errors: `failure`,
 * naming the first, whatever the document says — merging would make every sync run on defaults.
 */
import { formatConfigErrors } from "../config/format-config-errors.js";
import type { ConfigError } from "../config/parse-repo-config.js";
import { MAX_DESCRIPTION, type OutcomeLine } from "../plan/describe-outcome.js";
import { truncate } from "../text/truncate.js";

export function configErrorPreviewStatus(
  errors: readonly ConfigError[],
  configPath: string | null,
): OutcomeLine {
  const line = formatConfigErrors(errors, configPath ?? "config");
  return {
    state: "failure",
    description: truncate(`${line} (defaults used)`.replace(/\s+/g, " "), MAX_DESCRIPTION),
  };
}
