import { describe, expect, it } from "vitest";
import { restoreSameOrigin } from "@/lib/tracking/proxy-routes";

describe("Origin of no-referrer form posts", () => {
  it("restores the origin only for the browser's own same-origin posts", () => {
    const same = new Headers({ origin: "null", "sec-fetch-site": "same-origin", host: "track.example", "x-forwarded-proto": "https" });
    restoreSameOrigin(same);
    expect(same.get("origin")).toBe("https://track.example");

    const crossSite = new Headers({ origin: "null", "sec-fetch-site": "cross-site", host: "track.example" });
    restoreSameOrigin(crossSite);
    expect(crossSite.get("origin")).toBe("null");

    const named = new Headers({ origin: "https://evil.example", "sec-fetch-site": "same-origin", host: "track.example" });
    restoreSameOrigin(named);
    expect(named.get("origin")).toBe("https://evil.example");
  });
});
