import { describe, expect, it } from "vitest";
import { addNaiveDelivery, emptyNaiveBaseline, naivePromise } from "@/lib/estimates/naive-baseline";

const SP_RJ = { origin: "SP", destination: "RJ" };
const MG_RJ = { origin: "MG", destination: "RJ" };

describe("naive baseline (rolling per-lane empirical quantile)", () => {
  it("reads the level's quantile of calendar days on the lane once it has enough deliveries", () => {
    const state = emptyNaiveBaseline({ windowDays: 30, minDeliveries: 4 });
    // SP→RJ: 2, 4, 6, 8 days; bought on day 100 → promised 100 + quantile.
    [2, 4, 6, 8].forEach((days, i) => addNaiveDelivery(state, SP_RJ, 90 + i - days, 90 + i));
    expect(naivePromise(state, SP_RJ, 100, [0.5, 0.75, 0.95])).toEqual([104, 106, 108]);
  });

  it("falls back to the destination, then to everything, below the minimum", () => {
    const state = emptyNaiveBaseline({ windowDays: 30, minDeliveries: 3 });
    addNaiveDelivery(state, SP_RJ, 80, 90);
    addNaiveDelivery(state, MG_RJ, 88, 90);
    addNaiveDelivery(state, MG_RJ, 87, 90);
    // SP→RJ has 1 (10 days) → "to RJ" (10, 2, 3 days) speaks; nothing to BA → everything, the same three.
    expect(naivePromise(state, SP_RJ, 100, [0.5, 0.95])).toEqual([103, 110]);
    expect(naivePromise(state, { origin: "SP", destination: "BA" }, 100, [0.5])).toEqual([103]);
    expect(naivePromise(state, { origin: null, destination: null }, 100, [0.5])).toEqual([103]);
  });

  it("forgets deliveries completed more than the window before the purchase", () => {
    const state = emptyNaiveBaseline({ windowDays: 30, minDeliveries: 2 });
    addNaiveDelivery(state, SP_RJ, 40, 60); // 20 days, completed on day 60
    addNaiveDelivery(state, SP_RJ, 85, 90);
    addNaiveDelivery(state, SP_RJ, 86, 91);
    expect(naivePromise(state, SP_RJ, 90, [0.95])).toEqual([110]); // day 60 is inside [60, 90]
    expect(naivePromise(state, SP_RJ, 91, [0.95])).toEqual([96]); // …and gone a day later
    expect(naivePromise(state, SP_RJ, 120, [0.95])).toEqual([125]); // day 90 and 91 (5 days each): below the minimum, everything still answers
    expect(naivePromise(state, SP_RJ, 200, [0.95])).toEqual([null]);
  });
});
