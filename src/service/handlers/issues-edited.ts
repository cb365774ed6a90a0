/**
 * The review flow (SPEC §4): when a person's edit leaves every step of a tracking issue ticked,
 * the bot comments once suggesting `resolve`, and records in the state line that it did, so
 * unticking and ticking again does not repeat it. The bot's own body edits (every PATCH with a
 * body fires `issues/edited`) never trigger it.
 *
 * The payload is checked first, at no cost; the issue is then re-read (it may have changed since
 * the delivery) and checked again. The comment goes first, once (its marker is looked for on an
 * issue with comments), then the issue is re-read and the state line written from that read, so
 * no request sits between the re-read and the PATCH built from it (SPEC §3.4 "Calls").
 */
import type { Logger } from "pino";
import { KeyedSerialiser } from "../../commands/serialise.js";
import { allStepsTicked, allTickedComment } from "../../core/issue/all-steps-ticked.js";
import { parseIssueBody } from "../../core/issue/parse-issue-body.js";
import { setAllTickedNotice } from "../../core/issue/state-line.js";
import { postOnce } from "../../sync/post-once.js";
import { rereadAndWrite } from "../../sync/reread-write.js";
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
    await postOnce({
      forge,
      botLogin: bot.botLogin,
      number: issue.number,
      comments: fresh.comments,
      ...allTickedComment(id, parsed.steps.length, config),
    });
    await rereadAndWrite({ forge }, issue.number, async (now) => {
      const body = setAllTickedNotice(now.body);
      if (body !== now.body) await forge.editIssue(issue.number, { body });
    });
    log.info({ issue: issue.number, finding: id }, "all steps ticked: suggested resolve");
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
