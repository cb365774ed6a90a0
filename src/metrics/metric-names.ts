/**
 * The names of deferbot's own metrics on `/metrics` (SPEC §7); the operator guide lists each
 * (a test keeps them in step). prom-client's default process metrics come on top.
 */
export const METRIC_NAMES = {
  deliveries: "deferbot_deliveries_total",
  answerSeconds: "deferbot_delivery_answer_seconds",
  syncs: "deferbot_syncs_total",
  syncSeconds: "deferbot_sync_duration_seconds",
  queueDepth: "deferbot_queue_depth",
  syncsRunning: "deferbot_syncs_running",
  giteaRequests: "deferbot_gitea_requests_total",
  giteaRetries: "deferbot_gitea_request_retries_total",
  giteaSeconds: "deferbot_gitea_request_duration_seconds",
  parseSeconds: "deferbot_parse_duration_seconds",
} as const;

/** The prefix of prom-client's default collectors (process_cpu_seconds_total, nodejs_heap_…). */
export const DEFAULT_METRIC_PREFIXES = ["process_", "nodejs_"] as const;
