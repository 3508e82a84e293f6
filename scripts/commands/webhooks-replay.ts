import { db } from "../../lib/db";
import { reprocessDelivery } from "../../lib/webhooks/process-delivery";
import { withDatabase } from "../with-database";

export const usage = "npm run cli -- webhooks:replay [--failed] [--since <ISO date>] [--merchant <slug>]";

/** Processes stored deliveries again, oldest first. Idempotent: events already kept are not added twice. */
export async function run(flags: Record<string, string | boolean | undefined>) {
  const since = typeof flags.since === "string" ? new Date(flags.since) : undefined;
  if (since && Number.isNaN(since.getTime())) throw new Error(`--since "${String(flags.since)}" is not a date (use e.g. 2026-11-29 or 2026-11-29T10:00:00Z).`);
  const summary = await withDatabase(async () => {
    const deliveries = await db.webhookDelivery.findMany({
      where: {
        // Deliveries past WEBHOOK_RETENTION_DAYS have no body left to replay.
        bodyDroppedAt: null,
        // Shop deliveries are not carrier events: the shop's own retry processes them again (lib/shops).
        provider: { notIn: ["shopify", "woocommerce"] },
        ...(flags.failed ? { outcome: { in: ["FAILED", "RECEIVED"] } } : {}),
        ...(since ? { receivedAt: { gte: since } } : {}),
        ...(typeof flags.merchant === "string" ? { merchant: { slug: flags.merchant } } : {}),
      },
      orderBy: { receivedAt: "asc" },
      select: { id: true },
    });
    const counts: Record<string, number> = {};
    for (const delivery of deliveries) {
      const outcome = await reprocessDelivery(delivery.id, new Date());
      counts[outcome.kind] = (counts[outcome.kind] ?? 0) + 1;
    }
    return { replayed: deliveries.length, ...counts };
  });
  console.log(JSON.stringify(summary));
  return summary.replayed > 0 && "unavailable" in summary ? 1 : 0;
}
