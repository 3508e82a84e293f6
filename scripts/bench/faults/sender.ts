/**
 * A provider, simulated: signed generic deliveries, each carrying one scan no other delivery carries, sent by
 * a few concurrent senders and re-sent until acknowledged (a 2xx), as aggregators do. A 503 or a broken
 * connection means "not acknowledged": the same body goes again after a short wait (Retry-After asks 5 s;
 * the scenarios retry sooner only to keep runs short, which makes the retries harder on the app, not easier).
 * Every answer is recorded with when it started and ended, so a scenario can pick those of a time window.
 */
import { createHmac } from "node:crypto";
import { performance } from "node:perf_hooks";

export interface Delivery {
  trackingNumber: string;
  description: string;
  body: string;
}

export interface Answer {
  delivery: Delivery;
  startedAt: number;
  endedAt: number;
  /** HTTP status, or null when the connection failed (refused, reset, timed out). */
  status: number | null;
  retryAfter: string | null;
  deliveryId: string | null;
}

const RETRY_MS = 100;
/** Longer than any answer should take; a request that hits it counts as a hang (status null). */
const HANG_MS = 30_000;

export function makeDeliveries(count: number, trackingNumbers: string[], baseTime: number): Delivery[] {
  return Array.from({ length: count }, (_, n) => {
    const trackingNumber = trackingNumbers[n % trackingNumbers.length]!;
    const description = `Fault scan ${n}`;
    const occurredAt = new Date(baseTime + n * 60_000).toISOString();
    return { trackingNumber, description, body: JSON.stringify({ carrier: "ups", trackingNumber, events: [{ status: "IN_TRANSIT", occurredAt, description }] }) };
  });
}

function sign(body: string, secret: string): string {
  const t = Math.floor(Date.now() / 1000);
  return `t=${t},v1=${createHmac("sha256", secret).update(`${t}.${body}`).digest("hex")}`;
}

export class Provider {
  readonly answers: Answer[] = [];
  /** Delivery ids from 202 answers, one per delivery (its last acknowledgement). */
  readonly acknowledged = new Map<Delivery, string>();
  inFlight = 0;

  constructor(private readonly url: string, private readonly secret: string) {}

  private async post(delivery: Delivery): Promise<Answer> {
    const startedAt = performance.now();
    this.inFlight++;
    try {
      const response = await fetch(this.url, {
        method: "POST",
        body: delivery.body,
        headers: { "content-type": "application/json", "Parcelpage-Signature": sign(delivery.body, this.secret) },
        signal: AbortSignal.timeout(HANG_MS),
      });
      const text = await response.text();
      const deliveryId = response.status === 202 ? ((JSON.parse(text) as { deliveryId?: string }).deliveryId ?? null) : null;
      return { delivery, startedAt, endedAt: performance.now(), status: response.status, retryAfter: response.headers.get("retry-after"), deliveryId };
    } catch {
      return { delivery, startedAt, endedAt: performance.now(), status: null, retryAfter: null, deliveryId: null };
    } finally {
      this.inFlight--;
    }
  }

  /** Sends every delivery with `senders` concurrent senders, each retried until acknowledged or `giveUpAt`. */
  async sendAll(deliveries: Delivery[], senders: number, giveUpAt = performance.now() + 600_000): Promise<void> {
    const queue = [...deliveries];
    await Promise.all(
      Array.from({ length: senders }, async () => {
        for (let delivery = queue.shift(); delivery; delivery = queue.shift()) {
          for (;;) {
            const answer = await this.post(delivery);
            this.answers.push(answer);
            if (answer.status !== null && answer.status >= 200 && answer.status < 300) {
              if (answer.deliveryId) this.acknowledged.set(delivery, answer.deliveryId);
              break;
            }
            // Anything else (a 500, a hang) is retried too, as a provider would, and shows in the scenario's answer counts.
            if (performance.now() > giveUpAt) throw new Error(`${delivery.description} still not acknowledged; giving up`);
            await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
          }
        }
      }),
    );
  }

  /** Resolves once `count` deliveries have been acknowledged. */
  async acknowledgedAtLeast(count: number): Promise<void> {
    while (this.acknowledged.size < count) await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
