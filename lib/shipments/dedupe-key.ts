import { createHash } from "node:crypto";
import type { NormalizedEvent } from "../carriers/types";

/**
 * One key per real-world event: the provider's event id where it has one; otherwise a hash of what
 * makes the event itself (carrier, tracking number, status, time, description), so the full history a
 * provider re-sends on every update is stored once.
 */
export function dedupeKey(source: string, carrier: string, trackingNumber: string, event: NormalizedEvent): string {
  if (event.providerEventId) return `id:${source}:${event.providerEventId}`;
  const material = [carrier, trackingNumber, event.status, event.detailCode ?? "", event.occurredAt.toISOString(), event.description.trim()].join("\u001f");
  return `h:${createHash("sha256").update(material).digest("base64url").slice(0, 32)}`;
}
