import { describe, expect, it } from "vitest";
import { parseJsonBody } from "@/lib/carriers/parse-json";
import { expectInvalidPayload } from "./support";

describe("parseJsonBody", () => {
  it("parses JSON", () => {
    expect(parseJsonBody('{"a":[1,"b",null]}')).toEqual({ a: [1, "b", null] });
  });

  it.each(["", "{", "not json", "{'a':1}"])("turns %j into invalid_payload", (text) => {
    expectInvalidPayload(() => parseJsonBody(text), "body");
  });
});
