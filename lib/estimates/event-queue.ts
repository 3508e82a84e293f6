/**
 * A binary min-heap of timed events for the backtest's sweep. Ties on time go to the lower `rank`, so
 * estimates made at an instant never see a delivery completed at that same instant.
 */

export interface TimedEvent {
  at: number;
  rank: number;
}

export class EventQueue<T extends TimedEvent> {
  private readonly heap: T[] = [];
  private readonly order: number[] = [];
  private sequence = 0;

  get size(): number {
    return this.heap.length;
  }

  push(event: T): void {
    this.heap.push(event);
    this.order.push(this.sequence++);
    this.up(this.heap.length - 1);
  }

  pop(): T | undefined {
    const top = this.heap[0];
    const last = this.heap.pop();
    const lastOrder = this.order.pop();
    if (this.heap.length > 0 && last !== undefined && lastOrder !== undefined) {
      this.heap[0] = last;
      this.order[0] = lastOrder;
      this.down(0);
    }
    return top;
  }

  /** Earlier time first, then lower rank, then first pushed (a stable sweep). */
  private before(i: number, j: number): boolean {
    const a = this.heap[i];
    const b = this.heap[j];
    if (!a || !b) return false;
    if (a.at !== b.at) return a.at < b.at;
    if (a.rank !== b.rank) return a.rank < b.rank;
    return (this.order[i] ?? 0) < (this.order[j] ?? 0);
  }

  private swap(i: number, j: number): void {
    const event = this.heap[i];
    const other = this.heap[j];
    const order = this.order[i];
    const otherOrder = this.order[j];
    if (event === undefined || other === undefined || order === undefined || otherOrder === undefined) return;
    this.heap[i] = other;
    this.heap[j] = event;
    this.order[i] = otherOrder;
    this.order[j] = order;
  }

  private up(start: number): void {
    for (let i = start; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (!this.before(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  private down(start: number): void {
    for (let i = start; ; ) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < this.heap.length && this.before(left, smallest)) smallest = left;
      if (right < this.heap.length && this.before(right, smallest)) smallest = right;
      if (smallest === i) break;
      this.swap(i, smallest);
      i = smallest;
    }
  }
}
