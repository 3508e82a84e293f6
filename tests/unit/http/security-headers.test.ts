import { describe, expect, it } from "vitest";
import { baselineCsp, nonceCsp } from "@/lib/http/security-headers";

const directive = (policy: string, name: string) => new RegExp(`(?:^|; )${name} ([^;]*)`).exec(policy)?.[1];

describe("the console's and /alerts pages' policy", () => {
  it("allows styles only from this origin in production: no inline style, no nonce for styles", () => {
    const policy = nonceCsp("abc", false);
    expect(directive(policy, "style-src")).toBe("'self'");
    expect(directive(policy, "script-src")).toBe("'self' 'nonce-abc' 'strict-dynamic'");
  });

  it("keeps inline styles in development only (Next.js's hot-reloaded styles)", () => {
    expect(directive(nonceCsp("abc", true), "style-src")).toBe("'self' 'unsafe-inline'");
  });

  it("leaves the baseline for every other path as it was", () => {
    expect(directive(baselineCsp(false), "style-src")).toBe("'self' 'unsafe-inline'");
    expect(directive(baselineCsp(false), "script-src")).toBe("'self' 'unsafe-inline'");
  });
});
