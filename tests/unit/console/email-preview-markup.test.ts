import { describe, expect, it } from "vitest";
import { withInertStyles } from "@/lib/console/email-preview-markup";
import { trackPackageSnippet } from "@/lib/merchants/email-snippet";

describe("email HTML made previewable under a style-src without 'unsafe-inline'", () => {
  it("leaves no style attribute in the Track package snippet, and keeps every declaration for the CSSOM", () => {
    const html = trackPackageSnippet("#1f6feb", "#ffffff");
    const inert = withInertStyles(html);
    expect(inert).not.toMatch(/\sstyle=/i);
    const before = [...html.matchAll(/\sstyle="([^"]*)"/g)].map((match) => match[1]);
    const after = [...inert.matchAll(/\sdata-email-style="([^"]*)"/g)].map((match) => match[1]);
    expect(after).toEqual(before);
    expect(after).toContain("border-radius:6px;");
    // Everything else is untouched: the cell's bgcolor (a presentational attribute CSP does not govern), the link.
    expect(inert.replaceAll("data-email-style=", "style=")).toBe(html);
  });

  it("catches single quotes and any case, and leaves attributes that merely end in style alone", () => {
    expect(withInertStyles(`<p STYLE='color:red' data-style="x" liststyle="y">`)).toBe(`<p data-email-style='color:red' data-style="x" liststyle="y">`);
  });
});
