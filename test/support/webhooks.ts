/**
 * Webhook deliveries exactly as Gitea 1.25 sends them (services/webhook/deliver.go
 * `addDefaultHeaders`; ../shared/gitea/NOTES.md §2): every header, HMACs over the exact body
 * bytes, and the body pretty-printed like Go's `json.MarshalIndent` with `<`, `>`, `&` escaped.
 */
import { createHmac, randomUUID } from "node:crypto";

export interface DeliveryOptions {
  /** Gitea's fine event type (`X-Gitea-Event-Type`); default: the event name. */
  eventType?: string;
  /** Delivery UUID; default: a fresh one. */
  id?: string;
  /** `X-Gitea-Hook-Installation-Target-Type`; default `repository`. */
  targetType?: string;
}

export interface Delivery {
  id: string;
  headers: Record<string, string>;
  /** The exact bytes sent (UTF-8). */
  body: string;
}

/** Go's `json.MarshalIndent(p, "", "  ")` with its default HTML escaping. */
export function giteaJson(value: unknown): string {
  return JSON.stringify(value, null, 2)
    .replaceAll("<", "\\u003c")
    .replaceAll(">", "\\u003e")
    .replaceAll("&", "\\u0026");
}

export function hmacHex(algorithm: "sha1" | "sha256", secret: string, body: string): string {
  return createHmac(algorithm, secret).update(body, "utf8").digest("hex");
}

/** A delivery of `event` carrying `payload` (an object, or the raw body text), signed with `secret`. */
export function signedDelivery(
  event: string,
  payload: object | string,
  secret: string,
  options: DeliveryOptions = {},
): Delivery {
  const body = typeof payload === "string" ? payload : giteaJson(payload);
  const id = options.id ?? randomUUID();
  const eventType = options.eventType ?? event;
  const sha256 = hmacHex("sha256", secret, body);
  const targetType = options.targetType ?? "repository";
  return {
    id,
    body,
    headers: {
      "Content-Type": "application/json",
      "X-Gitea-Delivery": id,
      "X-Gogs-Delivery": id,
      "X-GitHub-Delivery": id,
      "X-Gitea-Event": event,
      "X-Gogs-Event": event,
      "X-GitHub-Event": event,
      "X-Gitea-Event-Type": eventType,
      "X-Gogs-Event-Type": eventType,
      "X-GitHub-Event-Type": eventType,
      "X-Gitea-Signature": sha256,
      "X-Gogs-Signature": sha256,
      "X-Hub-Signature-256": `sha256=${sha256}`,
      "X-Hub-Signature": `sha1=${hmacHex("sha1", secret, body)}`,
      "X-Gitea-Hook-Installation-Target-Type": targetType,
      "X-GitHub-Hook-Installation-Target-Type": targetType,
    },
  };
}

export interface DeliveryAnswer {
  status: number;
  body: string;
}

/** POSTs a delivery over loopback HTTP and returns the answer. */
export async function postDelivery(url: string, delivery: Delivery): Promise<DeliveryAnswer> {
  const response = await fetch(url, {
    method: "POST",
    headers: delivery.headers,
    body: delivery.body,
  });
  return { status: response.status, body: await response.text() };
}
