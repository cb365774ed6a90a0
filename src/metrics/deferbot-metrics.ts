/**
 * `/metrics` in Prometheus text (SPEC §7), with prom-client: the bot's events (deliveries,
 * syncs, parses), the server's answers, the queue, every Gitea request, and prom-client's
 * default process metrics. Loaded by `serve` only, with a dynamic import.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { GiteaRequestSeen } from "../gitea/request-observer.js";
import type { Deferbot } from "../service/deferbot.js";
import type { DeferbotEvent } from "../service/events.js";
import { METRIC_NAMES } from "./metric-names.js";

export interface DeferbotMetrics {
  /** Starts reading the bot's events and its queue; the function returned stops it. */
  observe(bot: Deferbot): () => void;
  /** A webhook request answered (`outcome`: `queued`, `ignored` come from the bot; `rejected` here). */
  delivery(event: string, outcome: string): void;
  /** The time from a delivery's arrival to its answer. */
  answered(status: number, seconds: number): void;
  giteaRequest(request: GiteaRequestSeen): void;
  contentType: string;
  text(): Promise<string>;
}

const SYNC_BUCKETS = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 900];
const ANSWER_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const PARSE_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

export function createMetrics(): DeferbotMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const deliveries = new Counter({
    name: METRIC_NAMES.deliveries,
    help: "Webhook deliveries by event and outcome (queued, ignored, rejected).",
    labelNames: ["event", "outcome"] as const,
    registers,
  });
  const answerSeconds = new Histogram({
    name: METRIC_NAMES.answerSeconds,
    help: "Time from a delivery's arrival to the server's answer, by HTTP status.",
    labelNames: ["status"] as const,
    buckets: ANSWER_BUCKETS,
    registers,
  });
  const syncs = new Counter({
    name: METRIC_NAMES.syncs,
    help: "Syncs by outcome: success, failure (the document or configuration), error (Gitea), thrown.",
    labelNames: ["outcome"] as const,
    registers,
  });
  const syncSeconds = new Histogram({
    name: METRIC_NAMES.syncSeconds,
    help: "Duration of a sync, by outcome.",
    labelNames: ["outcome"] as const,
    buckets: SYNC_BUCKETS,
    registers,
  });
  const giteaRequests = new Counter({
    name: METRIC_NAMES.giteaRequests,
    help: "Gitea requests (each attempt) by route template and status (0: no answer).",
    labelNames: ["route", "status"] as const,
    registers,
  });
  const giteaRetries = new Counter({
    name: METRIC_NAMES.giteaRetries,
    help: "Retried attempts of Gitea requests, by route template.",
    labelNames: ["route"] as const,
    registers,
  });
  const giteaSeconds = new Histogram({
    name: METRIC_NAMES.giteaSeconds,
    help: "Duration of a Gitea request attempt, by route template.",
    labelNames: ["route"] as const,
    buckets: ANSWER_BUCKETS,
    registers,
  });
  const parseSeconds = new Histogram({
    name: METRIC_NAMES.parseSeconds,
    help: "Time to parse a register (cache misses only).",
    buckets: PARSE_BUCKETS,
    registers,
  });

  let watched: Deferbot | null = null;
  new Gauge({
    name: METRIC_NAMES.queueDepth,
    help: "Repositories waiting for their sync (not yet running).",
    registers,
    collect() {
      this.set(watched ? watched.queue.active - watched.queue.running : 0);
    },
  });
  new Gauge({
    name: METRIC_NAMES.syncsRunning,
    help: "Syncs running now.",
    registers,
    collect() {
      this.set(watched ? watched.queue.running : 0);
    },
  });

  const onEvent = (event: DeferbotEvent) => {
    if (event.type === "delivery-routed")
      deliveries.inc({ event: event.event, outcome: event.outcome });
    else if (event.type === "sync-finished") {
      const outcome = event.result.status.state;
      syncs.inc({ outcome });
      syncSeconds.observe({ outcome }, event.durationMs / 1000);
    } else if (event.type === "sync-failed") {
      syncs.inc({ outcome: "thrown" });
      syncSeconds.observe({ outcome: "thrown" }, event.durationMs / 1000);
    } else if (event.type === "register-parsed") parseSeconds.observe(event.durationMs / 1000);
  };

  return {
    observe(bot) {
      watched = bot;
      const stop = bot.events.on(onEvent);
      return () => {
        stop();
        watched = null;
      };
    },
    delivery(event, outcome) {
      deliveries.inc({ event, outcome });
    },
    answered(status, seconds) {
      answerSeconds.observe({ status: String(status) }, seconds);
    },
    giteaRequest({ route, status, ms, attempt }) {
      giteaRequests.inc({ route, status: String(status) });
      giteaSeconds.observe({ route }, ms / 1000);
      if (attempt > 1) giteaRetries.inc({ route });
    },
    contentType: registry.contentType,
    text: () => registry.metrics(),
  };
}
