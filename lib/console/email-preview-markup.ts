/**
 * Email HTML is styled by style attributes (mail clients drop <style> blocks), but the console's
 * Content-Security-Policy refuses inline styles, so a snippet shown as HTML would lose them. For the
 * preview each `style="…"` becomes `data-email-style="…"` (inert), and EmailHtmlPreview applies it through
 * the CSSOM after hydration, which the policy allows. Only for HTML we generate ourselves
 * (lib/merchants/email-snippet.ts): nothing else in the console is styled this way.
 */
export const EMAIL_STYLE_ATTRIBUTE = "data-email-style";

const STYLE_ATTRIBUTE = /(\s)style=("[^"]*"|'[^']*')/gi;

export function withInertStyles(html: string): string {
  return html.replace(STYLE_ATTRIBUTE, `$1${EMAIL_STYLE_ATTRIBUTE}=$2`);
}
