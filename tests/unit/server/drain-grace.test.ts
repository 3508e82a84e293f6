import { describe, expect, it } from "vitest";
import { drainGrace, WATCH_WINDOW_MS, WATCHED_GRACE_MS } from "@/lib/server/drain-grace";

describe("the grace a stopping server keeps accepting for", () => {
  const now = 1_000_000;

  it("is none when nothing ever polled /api/ready (npm start on one box, the e2e server)", () => {
    expect(drainGrace(undefined, null, now)).toMatchObject({ ms: 0 });
  });

  it("is 2 s when a health check polled /api/ready within the watch window, and none once it has stopped polling", () => {
    expect(drainGrace(undefined, now - 900, now)).toMatchObject({ ms: WATCHED_GRACE_MS });
    expect(drainGrace(undefined, now - WATCH_WINDOW_MS, now)).toMatchObject({ ms: WATCHED_GRACE_MS });
    expect(drainGrace(undefined, now - WATCH_WINDOW_MS - 1, now)).toMatchObject({ ms: 0 });
  });

  it("is DRAIN_GRACE_MS whenever that is set, watched or not", () => {
    expect(drainGrace("5000", null, now)).toEqual({ ms: 5000, reason: "DRAIN_GRACE_MS" });
    expect(drainGrace("0", now - 100, now)).toEqual({ ms: 0, reason: "DRAIN_GRACE_MS" });
  });

  it("ignores an empty or unusable DRAIN_GRACE_MS rather than waiting NaN or a negative time", () => {
    for (const value of ["", " ", "soon", "-1", "Infinity"]) {
      expect(drainGrace(value, null, now), JSON.stringify(value)).toMatchObject({ ms: 0 });
      expect(drainGrace(value, now - 100, now), JSON.stringify(value)).toMatchObject({ ms: WATCHED_GRACE_MS });
    }
  });
});
