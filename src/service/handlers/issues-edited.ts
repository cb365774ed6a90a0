/**
 * The review flow (SPEC §4): when a person's edit leaves every step of a tracking issue ticked,
 * the bot comments once suggesting `resolve`, and records in the state line that it did, so
 * unticking and ticking again does not repeat it. The bot's own body edits (every PATCH with a
 * body fires `issues/edited`) never trigger it.
 *
 * The payload is checked first, at no cost; the issue is then re-read (it may have changed since
 * the delivery) and checked again before the comment and the one PATCH of the state line.
 */
import type { Logger } from "pino";
import { KeyedSerialiser } from "../../commands/serialise.js";
import { code } from "../../commands/text.js";
import { allStepsTicked } from "../../core/issue/all-steps-ticked.js";
import { parseIssueBody } from "../../core/issue/parse-issue-body.js";
import { setAllTickedNotice } from "../../core/issue/state-line.js";
import type { Deferbot } from "../deferbot.js";
import type { DeferbotEvent } from "../events.js";
import type { IssuesPayload } from "../webhook-payloads.js";
import { queueDashboardRefresh } from "./queue-dashboard-refresh.js";

const perIssue = new WeakMap<Deferbot, KeyedSerialiser>();

export async function handleIssueEdited(
  bot: Deferbot,
  payload: IssuesPayload,
  log: Logger,
): Promise<DeferbotEvent | undefined> {
  if (payload.action !== "edited") return undefined;
  const from = payload.changes?.body?.from;
  if (from === undefined || from === payload.issue.body) return undefined;
  queueDashboardRefresh(bot, payload, log);
  if (bot.isSelf(payload.sender.login)) return undefined;
  const { issue } = payload;
  if (issue.pull_request || !bot.isSelf(issue.user.login)) return undefined;
  if (!wantsNotice(issue.state, issue.body)) return undefined;

  let serialiser = perIssue.get(bot);
  if (!serialiser) {
    serialiser = new KeyedSerialiser();
    perIssue.set(bot, serialiser);
  }
  const fullName = payload.repository.full_name;
  return serialiser.run(`${fullName.toLowerCase()}#${issue.number}`, async () => {
    const { forge, configs } = bot.repo(fullName);
    const fresh = await forge.getIssue(issue.number);
    if (!wantsNotice(fresh.state, fresh.body)) return undefined;
    const { config } = await configs.get(payload.repository.default_branch);
    const parsed = parseIssueBody(fresh.body);
    const id = parsed.findingId ?? "";
    await forge.comment(
      issue.number,
      [
        `All ${parsed.steps.length} steps of ${id} are ticked.`,
        `If the finding is fixed, comment ${code(`${config.commandPrefix} resolve`)}: I will open a pull request that removes it from ${code(config.document)}, and merging it closes this issue.`,
      ].join(" "),
    );
    await forge.editIssue(issue.number, { body: setAllTickedNotice(fresh.body) });
    log.info(
      { repo: fullName, issue: issue.number, finding: id },
      "all steps ticked: suggested resolve",
    );
    const event: DeferbotEvent = {
      type: "resolve-suggested",
      repo: fullName,
      issue: issue.number,
      findingId: id,
    };
    return event;
  });
}

/** An open tracking issue (marker present) with every step ticked and no notice given yet. */
function wantsNotice(state: "open" | "closed", body: string): boolean {
  if (state !== "open") return false;
  const parsed = parseIssueBody(body);
  if (parsed.findingId === null) return false;
  return allStepsTicked(parsed) && parsed.state?.allTickedNotice !== true;
}
