import { requeueFailed } from "../../lib/notifications/outbox/requeue-failed";
import { withDatabase } from "../with-database";

export const usage = "npm run cli -- alerts:requeue [--id <outbox message id>] [--since <ISO date>] [--merchant <slug>]";

/** Sends dead-lettered alerts again (a running worker picks them up). */
export async function run(flags: Record<string, string | boolean | undefined>) {
  const since = typeof flags.since === "string" ? new Date(flags.since) : undefined;
  if (since && Number.isNaN(since.getTime())) throw new Error(`--since "${String(flags.since)}" is not a date (use e.g. 2026-11-29).`);
  const requeued = await withDatabase(() =>
    requeueFailed({ id: typeof flags.id === "string" ? flags.id : undefined, since, merchantSlug: typeof flags.merchant === "string" ? flags.merchant : undefined }, new Date()),
  );
  console.log(JSON.stringify({ requeued }));
}
