import { describe, expect, it } from "vitest";
import { describeBasis, reasonLine } from "@/lib/estimates/reason";

describe("reason line", () => {
  it("names the history level a person would recognise", () => {
    expect(describeBasis({ level: "lane-carrier", label: "SP→RJ by correios/sedex", deliveries: 412.4 })).toBe(
      "Based on 412 recent SP→RJ deliveries by correios/sedex",
    );
    expect(describeBasis({ level: "destination", label: "to RJ", deliveries: 1 })).toBe("Based on 1 recent delivery to RJ");
    expect(describeBasis({ level: "global", label: "all", deliveries: 5120 })).toBe("Based on 5,120 recent deliveries");
    expect(reasonLine({ basis: { level: "lane", label: "SP→RJ", deliveries: 412 }, holidays: 2, flags: [], carrierWeight: 0 })).toBe(
      "Based on 412 recent SP→RJ deliveries; 2 holidays on the way",
    );
  });
});

describe("reason line when things go wrong", () => {
  it("leads with what the shopper needs to know first", () => {
    expect(
      reasonLine({
        basis: { level: "destination", label: "to RJ", deliveries: 87 },
        holidays: 1,
        flags: ["running_late", "stalled"],
        carrierWeight: 0.42,
        quiet: { days: 5, usual: 2 },
        missedLatest: "2018-03-26",
      }),
    ).toBe(
      "Running late: past the promised 2018-03-26; no scan for 5 business days (usually at most 2); window widened; based on 87 recent deliveries to RJ; carrier's estimate weighted 42%; 1 holiday on the way",
    );
  });
});
