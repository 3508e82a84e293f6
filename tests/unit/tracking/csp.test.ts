import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hashedCsp, inlineHashes, nonceCsp } from "@/lib/tracking/csp";
import { documentVersion, withDocumentLang } from "@/lib/tracking/document-html";

const sha = (text: string) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;

describe("hash-based CSP of a cached document", () => {
  const html =
    '<!DOCTYPE html><html lang="en"><head><script src="/_next/a.js" async=""></script><style>:root{--brand:#000}</style></head>' +
    '<body><div lang="es" data-pp-locale="es"><span hidden="" data-pp-version="m1.2"></span></div>' +
    "<script>(self.__next_f=self.__next_f||[]).push([0])</script><script id=\"_R_\">x()</script></body></html>";

  it("allows exactly the inline scripts and styles of the document, never 'unsafe-inline'", () => {
    expect(inlineHashes(html)).toEqual({ scripts: [sha("(self.__next_f=self.__next_f||[]).push([0])"), sha("x()")], styles: [sha(":root{--brand:#000}")] });
    const policy = hashedCsp(html);
    expect(policy).toContain(`script-src 'self' ${sha("(self.__next_f=self.__next_f||[]).push([0])")} ${sha("x()")}`);
    expect(policy).not.toContain("unsafe-inline");
    expect(policy).toContain("object-src 'none'");
    expect(policy).toContain("frame-ancestors 'none'");
  });

  it("uses a nonce and strict-dynamic for pages rendered per request", () => {
    expect(nonceCsp("abc")).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic'");
  });

  it("sets <html lang> from the page's marker and reads its data version", () => {
    expect(withDocumentLang(html)).toContain('<html lang="es">');
    expect(withDocumentLang('<html lang="en"><body></body></html>')).toBe('<html lang="en"><body></body></html>');
    expect(documentVersion(html)).toBe("m1.2");
  });
});
