/**
 * The Probot app: routing only. Each handler validates the payload, drops the bot's own events
 * (Gitea has no bot user type, so `context.isBot` is always false: compare `sender.login`), logs
 * one line for the delivery, and hands any work to the background runner, which starts after
 * the answer. No Gitea request is made here.
 *
 * Gitea's action names differ from GitHub's (`label_updated`, `synchronized`, …), so the app
 * subscribes to whole events and switches on `payload.action`.
 */

import type { Logger } from "pino";
import type { ApplicationFunction } from "probot";
import { z } from "zod";
import type { Deferbot } from "../service/deferbot.js";
import {
  type IssueCommentPayload,
  type IssuesPayload,
  issueCommentPayload,
  issuesPayload,
  type PushPayload,
  pushPayload,
} from "../service/webhook-payloads.js";
import type { BackgroundWork } from "./background.js";
import { configMayHaveChanged, pushIgnoredReason, syncReason } from "./push-rules.js";

/** The envelope of a `pull_request` delivery, until PR previews (SPEC §4) get a handler. */
export const pullRequestEnvelope = z.object({
  action: z.string(),
  number: z.number(),
  repository: z.object({ full_name: z.string() }),
  sender: z.object({ login: z.string() }),
});
export type PullRequestEnvelope = z.output<typeof pullRequestEnvelope>;

export type DeliveryHandler<P> = (bot: Deferbot, payload: P, log: Logger) => Promise<void>;

export interface DeliveryHandlers {
  /** `issue_comment` created (PR conversation comments too: `is_pull: true`). */
  issueComment: DeliveryHandler<IssueCommentPayload>;
  /** `issues` edited with a body change (a ticked checkbox). */
  issuesEdited: DeliveryHandler<IssuesPayload>;
  /** `pull_request` opened, reopened or synchronized; absent: those deliveries are ignored. */
  pullRequest?: DeliveryHandler<PullRequestEnvelope>;
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

type Decision<P> =
  | { ignore: string; level?: "debug" | "info" }
  | { queue: (payload: P, log: Logger) => Promise<void> };

export function createDeferbotApp(deps: DeferbotAppDeps): ApplicationFunction {
  const { bot, handlers, work, log } = deps;

  function route<P extends { sender: { login: string } }>(
    delivery: Delivery,
    schema: z.ZodType<P>,
    decide: (payload: P) => Decision<P>,
    repoOf: (payload: P) => string,
  ): void {
    const action = actionOf(delivery.payload);
    const fields = {
      delivery: delivery.id,
      event: delivery.name,
      ...(action === undefined ? {} : { action }),
    };
    const parsed = schema.safeParse(delivery.payload);
    if (!parsed.success) {
      const problem = parsed.error.issues[0];
      const where = problem?.path.join(".") || "(payload)";
      log.warn(
        {
          ...fields,
          repo: repoNameOf(delivery.payload),
          outcome: "ignored",
          reason: `invalid payload: ${where}: ${problem?.message ?? "unexpected shape"}`,
        },
        "delivery ignored",
      );
      return;
    }
    const payload = parsed.data;
    const withRepo = { ...fields, repo: repoOf(payload) };
    if (bot.isSelf(payload.sender.login)) {
      log.info(
        { ...withRepo, outcome: "ignored", reason: `sent by the bot itself (${bot.botLogin})` },
        "delivery ignored",
      );
      return;
    }
    const decision = decide(payload);
    if ("ignore" in decision) {
      log[decision.level ?? "info"](
        { ...withRepo, outcome: "ignored", reason: decision.ignore },
        "delivery ignored",
      );
      return;
    }
    log.info({ ...withRepo, outcome: "queued" }, "delivery queued");
    const taskLog = log.child({ delivery: delivery.id, repo: withRepo.repo });
    work.run(withRepo, () => decision.queue(payload, taskLog));
  }

  const runPush = async (payload: PushPayload, taskLog: Logger): Promise<void> => {
    const fullName = payload.repository.full_name;
    const { configs } = bot.repo(fullName);
    if (configMayHaveChanged(payload)) configs.invalidate();
    const { config } = await configs.get(payload.after);
    const reason = syncReason(payload, config.document);
    if (reason === null) {
      taskLog.info(
        { sha: payload.after, document: config.document },
        "push needs no sync (document not touched)",
      );
      return;
    }
    taskLog.debug({ sha: payload.after, reason }, "push starts a sync");
    await bot.sync(fullName, { sha: payload.after, onlyIfNew: true });
  };

  return (app) => {
    app.on("push", (context) => {
      route(
        context,
        pushPayload,
        (payload) => {
          const ignored = pushIgnoredReason(payload);
          return ignored === null ? { queue: runPush } : { ignore: ignored };
        },
        fullNameOf,
      );
    });

    app.on("issues", (context) => {
      route(
        context,
        issuesPayload,
        (payload) => {
          if (payload.action !== "edited") return { ignore: `action ${payload.action}` };
          if (!payload.changes?.body) return { ignore: "edited without a body change" };
          return { queue: (p, l) => handlers.issuesEdited(bot, p, l) };
        },
        fullNameOf,
      );
    });

    app.on("issue_comment", (context) => {
      route(
        context,
        issueCommentPayload,
        (payload) => {
          if (payload.action !== "created") return { ignore: `action ${payload.action}` };
          return { queue: (p, l) => handlers.issueComment(bot, p, l) };
        },
        fullNameOf,
      );
    });

    app.on("pull_request", (context) => {
      route(
        context,
        pullRequestEnvelope,
        (payload) => {
          const handler = handlers.pullRequest;
          if (!handler) {
            return { ignore: "pull request previews are not served yet", level: "debug" };
          }
          if (!PULL_REQUEST_ACTIONS.has(payload.action)) {
            return { ignore: `action ${payload.action}` };
          }
          return { queue: (p, l) => handler(bot, p, l) };
        },
        fullNameOf,
      );
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

function fullNameOf(payload: { repository: { full_name: string } }): string {
  return payload.repository.full_name;
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
