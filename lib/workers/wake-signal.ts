/**
 * The sleep/wake part every background worker loop shares (the ingest worker, the alerts outbox worker):
 * sleep until a timer runs out or someone calls wake() — a NOTIFY, a finished send, stop(). A wake that
 * comes while the loop is busy is remembered, so the next sleep returns at once instead of losing it.
 */
export class WakeSignal {
  private woken = false;
  private stopped = false;
  private wakeUp: (() => void) | null = null;

  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  /** Wakes the loop for good: every later sleep returns at once. */
  stop(): void {
    this.stopped = true;
    this.wake();
  }

  sleep(ms: number): Promise<void> {
    if (this.woken || this.stopped) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = () => {
        this.wakeUp = null;
        done();
      };
    }).then(() => {
      this.woken = false;
    });
  }
}
