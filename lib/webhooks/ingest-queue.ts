import { ingestDeliveries, recordFailure, type ParsedDelivery, type ProcessOutcome } from "./process-delivery";

const MAX_BATCH = 64;

interface Waiting {
  parsed: ParsedDelivery;
  now: Date;
  resolve(outcome: ProcessOutcome): void;
}

/**
 * Group commit for webhooks: deliveries that arrive while a batch is being written wait and go in the
 * next batch together — one transaction for many deliveries instead of one each — and every request is
 * still answered only after its own events are committed. One batch in flight per process; other
 * instances run their own (shipment rows are locked in id order, so batches cannot deadlock).
 */
class IngestQueue {
  private waiting: Waiting[] = [];
  private running = false;

  submit(parsed: ParsedDelivery, now: Date): Promise<ProcessOutcome> {
    return new Promise((resolve) => {
      this.waiting.push({ parsed, now, resolve });
      if (!this.running) void this.drain();
    });
  }

  private async drain() {
    this.running = true;
    try {
      while (this.waiting.length > 0) {
        const batch = this.waiting.splice(0, MAX_BATCH);
        await this.write(batch);
      }
    } finally {
      this.running = false;
    }
  }

  private async write(batch: Waiting[]) {
    const now = batch.at(-1)!.now;
    try {
      const outcomes = await ingestDeliveries(batch.map((entry) => entry.parsed), now);
      batch.forEach((entry, index) => entry.resolve(outcomes[index]!));
    } catch (error) {
      if (batch.length === 1) {
        batch[0]!.resolve(await recordFailure([batch[0]!.parsed.delivery.id], error));
        return;
      }
      // Isolate the delivery at fault: the others must not fail with it.
      for (const entry of batch) await this.write([entry]);
    }
  }
}

const globalForQueue = globalThis as unknown as { parcelpageIngestQueue?: IngestQueue };

export function ingestQueue(): IngestQueue {
  globalForQueue.parcelpageIngestQueue ??= new IngestQueue();
  return globalForQueue.parcelpageIngestQueue;
}
