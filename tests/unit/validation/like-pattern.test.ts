import { describe, expect, it } from "vitest";
import { escapeLikePattern } from "../../../lib/validation/like-pattern";

describe("escapeLikePattern", () => {
  it("puts a backslash before %, _ and the backslash itself, and leaves everything else alone", () => {
    expect(escapeLikePattern("100%")).toBe("100\\%");
    expect(escapeLikePattern("a_b")).toBe("a\\_b");
    expect(escapeLikePattern("a\\")).toBe("a\\\\");
    expect(escapeLikePattern("\\%_")).toBe("\\\\\\%\\_");
    expect(escapeLikePattern("NW-1042 ünïcode [x]*.?")).toBe("NW-1042 ünïcode [x]*.?");
    expect(escapeLikePattern("")).toBe("");
  });
});
