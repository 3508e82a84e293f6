import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "@/lib/webhooks/database-unavailable";

describe("isDatabaseUnavailable", () => {
  it("reads pg's code-less errors for a dropped connection and for its own query timeout (the accept pool sets one) as the database being unavailable", () => {
    expect(isDatabaseUnavailable(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(isDatabaseUnavailable(new Error("Query read timeout"))).toBe(true);
    expect(isDatabaseUnavailable(new Error("insert failed", { cause: new Error("Query read timeout") }))).toBe(true);
  });

  it("a bug whose message merely mentions the query timeout is still a bug", () => {
    expect(isDatabaseUnavailable(new Error('invalid input syntax for type json: "Query read timeout"'))).toBe(false);
    expect(isDatabaseUnavailable(new Error("a bug"))).toBe(false);
  });
});
