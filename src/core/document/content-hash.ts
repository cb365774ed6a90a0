/** The content hash of a finding: over what its issue shows, never over where it sits. */
import { hash } from "node:crypto";
import type { Finding } from "./types.js";

export type HashedContent = Pick<Finding, "id" | "title" | "refs" | "fields" | "steps">;

/** First 16 hex characters of the SHA-256 of the finding's ID, title, refs, fields and steps. */
export function contentHash(finding: HashedContent): string {
  const content = {
    id: finding.id,
    title: finding.title,
    refs: finding.refs,
    fields: finding.fields.map((field) => [field.key, field.label, field.value]),
    steps: finding.steps.map((step) => [step.text, step.details]),
  };
  return hash("sha256", JSON.stringify(content), "hex").slice(0, 16);
}
