/**
 * pglite-socket 0.2.17 shares one PGlite session among all connections and queues protocol messages
 * one by one; outside a transaction it interleaves the extended-protocol messages of different
 * connections (Parse from A, Parse from B, Bind from A …), so concurrent clients get
 * "unnamed prepared statement does not exist" or "bind message supplies 3 parameters".
 * (Measured here: 24 concurrent webhook requests through Prisma, 15 failed.)
 *
 * This replaces the queue's scheduler so a connection keeps the session from its first message until
 * its Sync (or simple Query) is answered — and for the whole of a transaction — which is what a real
 * PostgreSQL backend per connection gives. Its API is internal: checked against the pinned version.
 */
import type { PGlite } from "@electric-sql/pglite";
import type { PGLiteSocketServer } from "@electric-sql/pglite-socket";

interface QueuedMessage {
  handlerId: number;
  message: Uint8Array;
  resolve(bytes: number): void;
  reject(error: unknown): void;
  onData(data: Uint8Array): void;
}

interface QueryQueue {
  db: PGlite;
  queue: QueuedMessage[];
  processing: boolean;
  lastHandlerId: number | null;
  processQueue(): Promise<void>;
  clearQueueForHandler(handlerId: number): void;
  clearTransactionIfNeeded(handlerId: number): Promise<void>;
}

const SYNC = 0x53; // 'S'
const QUERY = 0x51; // 'Q'

export function serializeProtocolPerConnection(server: PGLiteSocketServer): void {
  const queue = (server as unknown as { queryQueue?: QueryQueue }).queryQueue;
  if (!queue || typeof queue.processQueue !== "function" || !Array.isArray(queue.queue)) {
    throw new Error("pglite-socket internals changed: re-check scripts/embedded/serialize-protocol.ts against the new version.");
  }
  let owner: number | null = null;

  queue.processQueue = async function processQueue(this: QueryQueue) {
    if (this.processing || this.queue.length === 0) return;
    this.processing = true;
    try {
      while (this.queue.length > 0) {
        const holder = owner ?? (this.db.isInTransaction() ? this.lastHandlerId : null);
        const index = holder === null ? 0 : this.queue.findIndex((item) => item.handlerId === holder);
        if (index === -1) break; // the holder's next message has not arrived yet: others wait
        const item = this.queue.splice(index, 1)[0]!;
        const type = item.message[0];
        owner = type === SYNC || type === QUERY ? null : item.handlerId;
        let bytes = 0;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(item.message, {
              onRawData: (data: Uint8Array) => {
                bytes += data.length;
                item.onData(data);
              },
            }),
          );
        } catch (error) {
          owner = null;
          item.reject(error);
          continue;
        }
        this.lastHandlerId = item.handlerId;
        item.resolve(bytes);
      }
    } finally {
      this.processing = false;
    }
  };

  const clearQueueForHandler = queue.clearQueueForHandler.bind(queue);
  queue.clearQueueForHandler = (handlerId: number) => {
    clearQueueForHandler(handlerId);
    if (owner === handlerId) {
      owner = null;
      void queue.processQueue();
    }
  };
}
