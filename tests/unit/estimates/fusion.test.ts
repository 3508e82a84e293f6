import { describe, expect, it } from "vitest";
import { businessCalendar } from "@/lib/estimates/business-days";
import { addCarrierOutcome, carrierRecord, emptyCarrierTrack } from "@/lib/estimates/carrier-track";
import { carrierWeight, fuseWithCarrier, shiftByBusinessDays } from "@/lib/estimates/fusion";
import { fromDayNumber, toDayNumber } from "@/lib/estimates/local-date";
import { at, RJ } from "./history-builder";

const d = toDayNumber;
const calendar = businessCalendar(RJ);
const ours = { earliest: d("2018-03-20"), latest: d("2018-03-26") };
const levels = { lower: 0.1, upper: 0.85 };

function track(estimate: string, times: number) {
  let result = emptyCarrierTrack();
  for (let i = 0; i < times; i += 1) {
    result = addCarrierOutcome(result, { carrier: "Correios", service: "PAC", carrierEstimate: estimate, deliveredAt: at("2018-03-16", "14:00"), destination: RJ });
  }
  return result;
}

describe("carrier track record", () => {
  it("gives an untested carrier the prior weight 0.3", () => {
    expect(carrierWeight(carrierRecord(emptyCarrierTrack(), "correios", d("2018-03-16")))).toBe(0.3);
  });

  it("trusts a carrier that has been right: (30 hits + 10 · 0.3) / (30 + 10)", () => {
    const record = carrierRecord(track("2018-03-16", 30), "correios", d("2018-03-16"));
    expect(record).toMatchObject({ deliveries: 30, hitShare: 1 });
    expect(carrierWeight(record)).toBeCloseTo(0.825, 10);
  });

  it("distrusts a carrier that is habitually two business days late, and corrects its date by its error", () => {
    const record = carrierRecord(track("2018-03-14", 20), "correios", d("2018-03-16"));
    expect(record.hitShare).toBe(0);
    expect(carrierWeight(record)).toBeCloseTo(0.1, 10); // (0 + 3) / 30
    const fused = fuseWithCarrier(ours, d("2018-03-21"), record, levels, calendar);
    expect(fused.carrier).toEqual({ earliest: d("2018-03-23"), latest: d("2018-03-23") });
  });
});

describe("fusing windows", () => {
  it("pulls our window toward a reliable carrier's date, rounding outward to business days", () => {
    const record = carrierRecord(track("2018-03-16", 30), "correios", d("2018-03-16"));
    const fused = fuseWithCarrier(ours, d("2018-03-22"), record, levels, calendar);
    // earliest 03-20 + floor(0.825 · 2) = 03-21; latest 03-26 + ceil(0.825 · −4) = 03-23.
    expect([fromDayNumber(fused.earliest), fromDayNumber(fused.latest)]).toEqual(["2018-03-21", "2018-03-23"]);
  });

  it("moves business days both ways around weekends and holidays", () => {
    expect(fromDayNumber(shiftByBusinessDays(d("2018-03-29"), 1, calendar))).toBe("2018-04-02"); // over Good Friday
    expect(fromDayNumber(shiftByBusinessDays(d("2018-04-02"), -1, calendar))).toBe("2018-03-29");
    expect(fromDayNumber(shiftByBusinessDays(d("2018-03-24"), -1, calendar))).toBe("2018-03-23"); // Saturday counts from Monday
  });
});
