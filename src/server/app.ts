/**
 * The Probot app: routing only. Each handler validates the payload, drops the bot's own events
 * (Gitea has no bot user type, so `context.isBot` is always false: compare `sender.login`), logs
 * one line for the delivery (and reports it to the bot's listeners), and hands the delivery to
 * its handler in `src/service/handlers` on the background runner, which starts after the
 * answer. No Gitea request is made here.
 *
 * Gitea's action names differ from GitHub's (`label_updated`, `synchronized`, …), so the app
 * subscribes to whole events and switches on `payload.action`.
 */

import type { Logger } from "pino";
import type { ApplicationFunction } from "probot";
import type { Deferbot } from "../service/deferbot.js";
import type { DeliveryHandler } from "../service/handlers/handler.js";
import { handlePush } from "../service/handlers/push.js";
import { pushIgnoredReason } from "../service/push-rules.js";
import {
  type IssueCommentPayload,
  type IssuesPayload,
  issueCommentPayload,
  issuesPayload,
  type PullRequestEnvelope,
  pullRequestEnvelope,
  pushPayload,
} from "../service/webhook-payloads.js";
import type * as z from "../zod.js";
import type { BackgroundWork } from "./background.js";

export type { DeliveryHandler } from "../service/handlers/handler.js";

export interface DeliveryHandlers {
  /** `issue_comment` created (PR conversation comments too: `is_pull: true`). */
  issueComment: DeliveryHandler<IssueCommentPayload>;
  /** `issues` edited with a body change (a ticked checkbox). */
  issuesEdited: DeliveryHandler<IssuesPayload>;
  /** `pull_request` opened, reopened or synchronized; absent: those deliveries are ignored. */
  pullRequest?: DeliveryHandler<PullRequestEnvelope> | undefined;
}

export interface DeferbotAppDeps {
  bot: Deferbot;
  handlers: DeliveryHandlers;
  work: BackgroundWork;
  log: Logger;
}

export const HANDLED_EVENTS = ["push", "issues", "issue_comment", "pull_request"] as const;
const PULL_REQUEST_ACTIONS = new Set(["opened", "reopened", "synchronized"]);

interface Delivery {
  id: string;
  name: string;
  payload: unknown;
}

type Decision<P> = { ignore: string; level?: "debug" | "info" } | { queue: DeliveryHandler<P> };

export function createDeferbotApp(deps: DeferbotAppDeps): ApplicationFunction {
  const { bot, handlers, work, log } = deps;

  function route<P extends { sender: { login: string }; repository: { full_name: string } }>(
    delivery: Delivery,
    schema: z.ZodMiniType<P>,
    decide: (payload: P) => Decision<P>,
  ): void {
    const action = actionOf(delivery.payload);
    const fields = {
      delivery: delivery.id,
      event: delivery.name,
      ...(action === undefined ? {} : { action }),
    };
    const ignored = (repo: string | null, reason: string, level: "debug" | "info" | "warn") => {
      log[level]({ ...fields, repo, outcome: "ignored", reason }, "delivery ignored");
      bot.report({
        type: "delivery-routed",
        delivery: delivery.id,
        event: delivery.name,
        repo,
        outcome: "ignored",
        reason,
      });
    };
    const parsed = schema.safeParse(delivery.payload);
    if (!parsed.success) {
      const problem = parsed.error.issues[0];
      const where = problem?.path.join(".") || "(payload)";
      const reason = `invalid payload: ${where}: ${problem?.message ?? "unexpected shape"}`;
      ignored(repoNameOf(delivery.payload), reason, "warn");
      return;
    }
    const payload = parsed.data;
    const repo = payload.repository.full_name;
    if (bot.isSelf(payload.sender.login)) {
      ignored(repo, `sent by the bot itself (${bot.botLogin})`, "info");
      return;
    }
    const decision = decide(payload);
    if ("ignore" in decision) {
      ignored(repo, decision.ignore, decision.level ?? "info");
      return;
    }
    log.info({ ...fields, repo, outcome: "queued" }, "delivery queued");
    bot.report({
      type: "delivery-routed",
      delivery: delivery.id,
      event: delivery.name,
      repo,
      outcome: "queued",
    });
    const taskLog = log.child({ delivery: delivery.id, repo });
    const handler = decision.queue;
    work.run({ ...fields, repo }, async () => {
      const outcome = await handler(bot, payload, taskLog);
      if (outcome) bot.report(outcome);
    });
  }

  return (app) => {
    app.on("push", (context) => {
      route(context, pushPayload, (payload) => {
        const ignored = pushIgnoredReason(payload);
        return ignored === null ? { queue: handlePush } : { ignore: ignored };
      });
    });

    app.on("issues", (context) => {
      route(context, issuesPayload, (payload) => {
        if (payload.action !== "edited") return { ignore: `action ${payload.action}` };
        if (!payload.changes?.body) return { ignore: "edited without a body change" };
        return { queue: handlers.issuesEdited };
      });
    });

    app.on("issue_comment", (context) => {
      route(context, issueCommentPayload, (payload) => {
        if (payload.action !== "created") return { ignore: `action ${payload.action}` };
        return { queue: handlers.issueComment };
      });
    });

    app.on("pull_request", (context) => {
      route(context, pullRequestEnvelope, (payload) => {
        const handler = handlers.pullRequest;
        if (!handler) {
          return { ignore: "pull request previews are not served yet", level: "debug" };
        }
        if (!PULL_REQUEST_ACTIONS.has(payload.action)) {
          return { ignore: `action ${payload.action}` };
        }
        return { queue: handler };
      });
    });

    // Every other event Gitea may send (create, delete, release, pull_request_approved, …).
    app.onAny((context) => {
      if ((HANDLED_EVENTS as readonly string[]).includes(context.name)) return;
      const action = actionOf(context.payload);
      log.info(
        {
          delivery: context.id,
          event: context.name,
          ...(action === undefined ? {} : { action }),
          repo: repoNameOf(context.payload),
          outcome: "ignored",
          reason: `event ${context.name} is not handled`,
        },
        "delivery ignored",
      );
    });
  };
}

function actionOf(payload: unknown): string | undefined {
  if (typeof payload !== "object" || payload === null || !("action" in payload)) return undefined;
  return typeof payload.action === "string" ? payload.action : undefined;
}

function repoNameOf(payload: unknown): string | null {
  if (typeof payload !== "object" || payload === null || !("repository" in payload)) return null;
  const repository = payload.repository;
  if (typeof repository !== "object" || repository === null) return null;
  return "full_name" in repository && typeof repository.full_name === "string"
    ? repository.full_name
    : null;
}
