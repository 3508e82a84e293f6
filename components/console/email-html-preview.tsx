"use client";
import { useLayoutEffect, useRef } from "react";
import { EMAIL_STYLE_ATTRIBUTE, withInertStyles } from "@/lib/console/email-preview-markup";

/**
 * Shows email HTML we generate (a "Track package" button) as a mail client would, under the console's
 * style-src without 'unsafe-inline': its style attributes arrive inert and are applied here through the
 * CSSOM (lib/console/email-preview-markup.ts).
 */
export function EmailHtmlPreview({ html, label, className }: { html: string; label: string; className?: string }) {
  const box = useRef<HTMLDivElement>(null);
  const markup = withInertStyles(html);
  useLayoutEffect(() => {
    for (const element of box.current?.querySelectorAll<HTMLElement>(`[${EMAIL_STYLE_ATTRIBUTE}]`) ?? []) {
      element.style.cssText = element.getAttribute(EMAIL_STYLE_ATTRIBUTE) ?? "";
    }
  }, [markup]);
  return <div ref={box} aria-label={label} className={className} dangerouslySetInnerHTML={{ __html: markup }} />;
}
