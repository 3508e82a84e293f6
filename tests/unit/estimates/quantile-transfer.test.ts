import { describe, expect, it } from "vitest";
import { transferQuantiles } from "@/lib/estimates/quantile-transfer";

const sum = (values: ArrayLike<number>) => Array.from(values).reduce((a, b) => a + b, 0);

describe("transferQuantiles (a lane moved by the season its global level shows)", () => {
  it("is the identity when the current curve equals the history", () => {
    const history = [0, 2, 5, 3, 1];
    const lane = [0, 0, 1, 4, 2, 1];
    const out = Array.from(transferQuantiles(lane, history, history));
    // The lane's bin 5 lies past the history's end (quantile 1): it lands on the history's last bin.
    expect(out).toEqual([0, 0, 1, 4, 3]);
  });

  it("turns the history itself into the current curve", () => {
    const history = [0, 1, 2, 1];
    const current = [0, 0, 1, 2, 1];
    const out = Array.from(transferQuantiles(history, history, current)).map((w) => w / 4);
    expect(out.map((w) => Number(w.toFixed(12)))).toEqual([0, 0, 0.25, 0.5, 0.25]);
  });

  it("stretches a lane by the global stretch: uniform 0–9 → uniform 0–19 sends bin 4 to bins 8 and 9", () => {
    const history = new Array(10).fill(1);
    const current = new Array(20).fill(1);
    const lane = new Array(10).fill(0);
    lane[4] = 6;
    const out = transferQuantiles(lane, history, current);
    expect(out[8]).toBeCloseTo(3, 12);
    expect(out[9]).toBeCloseTo(3, 12);
    expect(sum(out)).toBeCloseTo(6, 12);
  });

  it("keeps each lane's place: a slow lane stays slower than a fast one after a global slowdown", () => {
    const history = [0, 1, 3, 4, 3, 2, 1, 1];
    const slower = [0, 0, 0, 1, 2, 4, 3, 2, 1, 1]; // every quantile two bins later
    const fast = [0, 3, 3, 1];
    const slow = [0, 0, 0, 0, 1, 3, 3, 1];
    const median = (w: Float64Array) => {
      const half = sum(w) / 2;
      let acc = 0;
      for (let k = 0; k < w.length; k += 1) if ((acc += w[k] ?? 0) >= half) return k;
      return w.length;
    };
    const fastAfter = transferQuantiles(fast, history, slower);
    const slowAfter = transferQuantiles(slow, history, slower);
    expect(median(fastAfter)).toBeGreaterThan(median(Float64Array.from(fast)));
    expect(median(slowAfter)).toBeGreaterThan(median(fastAfter));
    expect(sum(fastAfter)).toBeCloseTo(7, 12);
  });

  it("leaves the lane alone when a reference has no mass", () => {
    expect(Array.from(transferQuantiles([1, 2], [], [0, 1]))).toEqual([1, 2]);
    expect(Array.from(transferQuantiles([1, 2], [0, 1], [0, 0]))).toEqual([1, 2]);
  });
});
