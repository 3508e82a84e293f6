import { describe, expect, it } from "vitest";
import { getAdapter, isProvider } from "@/lib/carriers/registry";
import { PROVIDERS } from "@/lib/carriers/types";

describe("registry", () => {
  it.each(PROVIDERS)("returns the %s adapter", (provider) => {
    expect(isProvider(provider)).toBe(true);
    expect(getAdapter(provider)?.provider).toBe(provider);
  });

  it.each(["ups", "EasyPost", "", "constructor", "__proto__", "toString", "generic "])("knows nothing of %j", (name) => {
    expect(isProvider(name)).toBe(false);
    expect(getAdapter(name)).toBeNull();
  });
});
