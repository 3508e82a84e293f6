import fc from "fast-check";
import { afterAll, describe, it } from "vitest";
import { hostileText } from "./support/hostile";
import { closeDatabase, expectHealthy, flushFigures, probe, runProperty } from "./support/probe";

const RUNS = Number(process.env.ABUSE_RUNS ?? 1);

/** Every byte percent-encoded (encodeURIComponent throws on a lone surrogate, which the arbitraries make). */
const percentEncode = (text: string) => [...Buffer.from(text, "utf8")].map((byte) => `%${byte.toString(16).padStart(2, "0")}`).join("");

/**
 * The endpoints the proxy relies on (deploy/Caddyfile): /api/tls/ask is asked from loopback, as this suite
 * is, so it really checks the name it gets; no merchant here has a proven domain, so nothing may be allowed.
 * /api/ready and /api/health take no input but must shrug off any query string and headers.
 */
describe("abuse: readiness, health and the on-demand TLS question", () => {
  afterAll(async () => {
    flushFigures();
    await closeDatabase();
  });

  it("/api/tls/ask?domain=<hostile>: never a 5xx, never a yes", async () => {
    const domain = fc.oneof(hostileText, fc.domain(), fc.string({ unit: "binary", maxLength: 300 }), fc.constant("a".repeat(70_000)));
    await runProperty(domain, 150 * RUNS, async (name) => {
      const answer = await probe("tls ask", { method: "GET", path: `/api/tls/ask?domain=${percentEncode(name)}` });
      if (answer.status === 200) throw new Error(`/api/tls/ask allowed ${JSON.stringify(name.slice(0, 80))}`);
    });
    // Query strings that are not even well-formed.
    for (const query of ["domain=%ff%fe", "domain=%00", "domain", "domain=a&domain=b", "%zz=1", `domain=${"%41".repeat(5_000)}`]) {
      const answer = await probe("tls ask", { method: "GET", path: `/api/tls/ask?${query}` });
      if (answer.status === 200) throw new Error(`/api/tls/ask?${query.slice(0, 60)} allowed`);
    }
    await expectHealthy();
  });

  it("/api/ready and /api/health with hostile query strings and headers", async () => {
    const request = fc.record({
      path: fc.constantFrom("/api/ready", "/api/health"),
      query: fc.oneof(hostileText, fc.constant("")),
      header: fc.string({ unit: "grapheme-ascii", maxLength: 200 }).map((value) => value.replace(/[\r\n]/g, " ")),
    });
    await runProperty(request, 60 * RUNS, (value) =>
      probe("ready and health", { method: "GET", path: `${value.path}?q=${percentEncode(value.query)}`, headers: { "x-forwarded-for": value.header } }),
    );
  });
});
