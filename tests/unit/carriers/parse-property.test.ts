import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { getAdapter } from "@/lib/carriers/registry";
import { PROVIDERS } from "@/lib/carriers/types";
import { AppError } from "@/lib/errors";
import { fixtureJson } from "./support";

/** Whatever arrives, parse either returns updates or throws AppError — never a TypeError that would become a 500. */
function parsesOrAppError(provider: string, body: unknown): void {
  const adapter = getAdapter(provider);
  if (!adapter) throw new Error(`no adapter ${provider}`);
  try {
    const updates = adapter.parse(body);
    expect(Array.isArray(updates)).toBe(true);
    for (const update of updates) {
      expect(typeof update.carrier).toBe("string");
      expect(typeof update.trackingNumber).toBe("string");
      for (const event of update.events) expect(Number.isNaN(event.occurredAt.getTime())).toBe(false);
    }
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    expect(error.code).toBe("invalid_payload");
  }
}

const FIXTURES: Record<string, string[]> = {
  easypost: [
    "easypost-tracker-updated-event-fedex.json",
    "easypost-tracker-updated-event-ups-delivered.json",
    "easypost-tracker-object-usps-pre-transit.json",
  ],
  shippo: ["shippo-track-updated-openapi-example.json"],
  aftership: ["aftership-tracking-update-2026-07-trimmed.json"],
  generic: [],
};

const GENERIC_SAMPLE = {
  carrier: "ups",
  trackingNumber: "1Z",
  events: [{ status: "IN_TRANSIT", description: "Departed", occurredAt: "2026-11-29T14:05:00-05:00" }],
};

/** Replaces one value somewhere inside a real payload, to reach the deep branches random JSON never hits. */
function mutate(value: unknown, path: number[], replacement: unknown): unknown {
  if (path.length === 0 || value === null || typeof value !== "object") return replacement;
  const keys = Object.keys(value);
  if (keys.length === 0) return replacement;
  const key = keys[path[0] % keys.length];
  const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [...value] : { ...(value as Record<string, unknown>) };
  (copy as Record<string, unknown>)[key] = mutate((value as Record<string, unknown>)[key], path.slice(1), replacement);
  return copy;
}

const wireLike = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom("Event", "Tracker", "tracker.updated", "track_updated", "tracking_update", "__proto__", "constructor", "FedEx"),
  fc.constantFrom("2026-07-01T10:00:00+08:00", "2026-07-01T10:00:00", "2026-02-30", "2026-07-01T10:00:00+99:00"),
);

describe.each(PROVIDERS)("%s parse never throws anything but AppError", (provider) => {
  it("on arbitrary JSON", () => {
    fc.assert(fc.property(fc.jsonValue(), (body) => parsesOrAppError(provider, body)), { numRuns: 300 });
  });

  it("on arbitrary objects with the provider's top-level keys", () => {
    const keyed = fc.record(
      { object: wireLike, description: wireLike, result: wireLike, event: wireLike, data: wireLike, msg: wireLike, events: wireLike },
      { requiredKeys: [] },
    );
    fc.assert(fc.property(keyed, (body) => parsesOrAppError(provider, body)), { numRuns: 300 });
  });

  it("on real payloads with one value replaced anywhere", () => {
    const samples = provider === "generic" ? [GENERIC_SAMPLE] : FIXTURES[provider].map((name) => fixtureJson(name));
    fc.assert(
      fc.property(
        fc.constantFrom(...samples),
        fc.array(fc.nat(), { maxLength: 6 }),
        wireLike,
        (sample, path, replacement) => parsesOrAppError(provider, mutate(sample, path, replacement)),
      ),
      { numRuns: 500 },
    );
  });
});
