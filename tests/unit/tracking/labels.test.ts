import { describe, expect, it } from "vitest";
import { carrierName, carrierTrackingUrl } from "@/lib/tracking/carriers";
import { eventLabelKey } from "@/lib/tracking/event-label";
import { formatPlace } from "@/lib/tracking/place";
import { versionOf } from "@/lib/tracking/version";

describe("carrier links", () => {
  it("prefers the provider's https URL and otherwise builds the carrier's own page", () => {
    expect(carrierTrackingUrl("ups", "1Z 99", "https://track.example/1Z99")).toBe("https://track.example/1Z99");
    expect(carrierTrackingUrl("ups", "1Z 99", "javascript:alert(1)")).toBe("https://www.ups.com/track?tracknum=1Z%2099");
    expect(carrierTrackingUrl("ups", "1Z99", "http://insecure.example")).toBe("https://www.ups.com/track?tracknum=1Z99");
    expect(carrierTrackingUrl("acme-freight", "X1", null)).toBeNull();
    expect(carrierName("fedex")).toBe("FedEx");
    expect(carrierName("acme")).toBe("ACME");
  });
});

describe("event labels", () => {
  it("maps carrier detail codes, falling back to the status", () => {
    expect(eventLabelKey("IN_TRANSIT", "departed_facility")).toBe("departedFacility");
    expect(eventLabelKey("EXCEPTION", "WEATHER_DELAY")).toBe("weatherDelay");
    expect(eventLabelKey("OUT_FOR_DELIVERY", "some_new_code")).toBe("outForDelivery");
    expect(eventLabelKey("UNKNOWN", null)).toBe("unknown");
    expect(eventLabelKey("IN_TRANSIT", "__proto__")).toBe("inTransit");
  });
});

describe("places and versions", () => {
  it("shows city and region only", () => {
    expect(formatPlace("Omaha", "NE")).toBe("Omaha, NE");
    expect(formatPlace(null, " NE ")).toBe("NE");
    expect(formatPlace(null, null)).toBeNull();
  });

  it("changes the version when any timestamp moves or a parcel is added", () => {
    const a = new Date("2026-12-01T00:00:00Z");
    const b = new Date("2026-12-01T00:00:01Z");
    expect(versionOf([a, b], 1)).toBe(versionOf([b, a], 1));
    expect(versionOf([a, b], 1)).not.toBe(versionOf([a, a], 1));
    expect(versionOf([a, b], 1)).not.toBe(versionOf([a, b], 2));
  });
});
