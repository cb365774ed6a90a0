/**
 * `pull_request` opened, reopened or synchronized (SPEC §4): the preview of a PR against the
 * default branch — what merging it would do to the tracking issues, in one comment on the PR and
 * the `deferbot/preview` status on its head. No issue is written. PRs against other branches
 * are left alone.
 */
import type { Logger } from "pino";
import { buildPullPreview } from "../../preview/build-pull-preview.js";
import { publishPreview } from "../../preview/publish-preview.js";
import type { Deferbot } from "../deferbot.js";
import type { DeferbotEvent } from "../events.js";
import type { PullRequestEnvelope } from "../webhook-payloads.js";
import type { DeliveryHandler } from "./handler.js";

export type PullRequestHandler = DeliveryHandler<PullRequestEnvelope>;

export const handlePullRequest: PullRequestHandler = async (
  bot: Deferbot,
  payload: PullRequestEnvelope,
  log: Logger,
): Promise<DeferbotEvent | undefined> => {
  const { pull_request: pull, repository } = payload;
  const fullName = repository.full_name;
  const pullLog = log.child({ repo: fullName, pull: pull.number });
  if (pull.base.ref !== repository.default_branch) {
    pullLog.debug(
      { base: pull.base.ref },
      "pull request not against the default branch: no preview",
    );
    return undefined;
  }
  if (pull.state !== "open") return undefined;
  const handle = bot.repo(fullName);
  const built = await buildPullPreview(
    { forge: handle.forge, parses: handle.parses, repoHtmlUrl: repository.html_url },
    // A fork's head is read here too: Gitea keeps it in the base repository (refs/pull/N/head).
    { number: pull.number, headSha: pull.head.sha, mergeBase: pull.merge_base },
  );
  const published = await publishPreview(handle.forge, bot.botLogin, built);
  pullLog.info(
    {
      sha: pull.head.sha,
      touched: built.preview !== null,
      comment: published.comment,
      state: built.status.state,
      description: built.status.description,
    },
    "preview published",
  );
  return {
    type: "preview-published",
    repo: fullName,
    pull: pull.number,
    sha: pull.head.sha,
    touched: built.preview !== null,
    comment: published.comment,
    ...built.status,
  };
};
