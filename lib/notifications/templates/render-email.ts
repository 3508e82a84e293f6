import { copyFor } from "./copy";
import { copyVars } from "./copy-vars";
import type { Brand, MessageFacts } from "./facts";
import { formatDay } from "./format";

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]!);
}

function safeColor(color: string): string {
  return /^#[0-9a-fA-F]{6}$/.test(color) ? color : "#1f6feb";
}

/** Black or white, whichever reads better on the brand colour (WCAG relative luminance). */
function textOn(color: string): string {
  const channel = (hex: string) => {
    const value = parseInt(hex, 16) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(color.slice(1, 3)) + 0.7152 * channel(color.slice(3, 5)) + 0.0722 * channel(color.slice(5, 7));
  return (1.05 / (luminance + 0.05)) >= ((luminance + 0.05) / 0.05) ? "#ffffff" : "#111827";
}

function isHttpsUrl(value: string | null): value is string {
  if (!value) return false;
  try {
    return new URL(value).protocol === "https:";
  } catch {
    return false;
  }
}

interface Parts {
  subject: string;
  heading: string;
  paragraphs: string[];
  button: { label: string; url: string };
  /** "Estimated delivery: …" or "Delivered: …" */
  fact: { label: string; value: string } | null;
}

function parts(facts: MessageFacts): Parts {
  const copy = copyFor(facts.locale);
  const common = copy.emailCommon;
  if (facts.trigger === "CONFIRMATION") {
    const confirm = copy.email.CONFIRMATION;
    const v = { brand: facts.brand.name, order: facts.orderNumber };
    return {
      subject: confirm.subject(v),
      heading: confirm.heading,
      paragraphs: confirm.paragraphs(v),
      button: { label: confirm.button, url: facts.confirmUrl ?? facts.trackUrl },
      fact: null,
    };
  }
  const v = copyVars(facts, "long");
  const template = copy.email[facts.trigger];
  let fact: Parts["fact"] = null;
  if (facts.trigger === "DELIVERED" && facts.deliveredAt) {
    const day = formatDay(new Date(`${new Intl.DateTimeFormat("en-CA", { timeZone: facts.timeZone }).format(facts.deliveredAt)}T00:00:00Z`), facts.locale, "long");
    fact = { label: common.delivered, value: v.time ? `${day}, ${v.time}` : day };
  } else if (v.window && facts.trigger !== "RETURNED") {
    fact = { label: common.estimatedDelivery, value: v.window };
  }
  return {
    subject: template.subject(v),
    heading: template.heading,
    paragraphs: template.paragraphs(v),
    button: { label: common.trackButton, url: facts.trackUrl },
    fact,
  };
}

function supportLines(brand: Brand): string[] {
  return [brand.supportEmail, brand.supportPhone, brand.supportUrl].filter((line): line is string => Boolean(line));
}

/** Branded HTML (tables and inline styles: what mail clients render) plus a plain-text part, in the shopper's language. */
export function renderEmail(facts: MessageFacts): RenderedEmail {
  const copy = copyFor(facts.locale);
  const common = copy.emailCommon;
  const p = parts(facts);
  const brand = facts.brand;
  const color = safeColor(brand.color);
  const onColor = textOn(color);
  const order = { brand: brand.name, order: facts.orderNumber };
  const support = supportLines(brand);
  const parcelLine = facts.parcel ? `${facts.parcel.carrier.toUpperCase()} ${facts.parcel.trackingNumber}` : null;
  const c = common.colon;

  const text = [
    brand.name,
    "",
    p.heading,
    "",
    ...p.paragraphs.flatMap((paragraph) => [paragraph, ""]),
    ...(p.fact ? [`${p.fact.label}${c}${p.fact.value}`, ""] : []),
    `${p.button.label}${c}${p.button.url}`,
    "",
    `${common.order}${c}${facts.orderNumber}${parcelLine ? ` · ${common.trackingNumber}${c}${parcelLine}` : ""}`,
    "",
    ...(support.length ? [`${common.questions({ brand: brand.name })} ${support.join(" · ")}`, ""] : []),
    common.signOff({ brand: brand.name }),
    "",
    "--",
    common.why(order),
    `${common.unsubscribe}${c}${facts.unsubscribeUrl}`,
  ].join("\n");

  const e = escapeHtml;
  const logo = isHttpsUrl(brand.logoUrl)
    ? `<img src="${e(brand.logoUrl)}" alt="${e(brand.name)}" height="32" style="display:block;height:32px;border:0">`
    : `<span style="font-size:18px;font-weight:600;color:${onColor}">${e(brand.name)}</span>`;
  const html = `<!doctype html>
<html lang="${e(facts.locale)}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${e(p.subject)}</title></head>
<body style="margin:0;padding:0;background:#f3f4f6;font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;color:#111827">
<span style="display:none;max-height:0;overflow:hidden">${e(p.paragraphs[0] ?? p.heading)}</span>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f3f4f6;padding:24px 0">
<tr><td align="center">
<table role="presentation" width="560" cellpadding="0" cellspacing="0" style="max-width:560px;width:100%;background:#ffffff;border-radius:8px;overflow:hidden">
<tr><td style="background:${color};padding:16px 24px">${logo}</td></tr>
<tr><td style="padding:24px">
<h1 style="margin:0 0 16px;font-size:22px;line-height:1.3">${e(p.heading)}</h1>
${p.paragraphs.map((paragraph) => `<p style="margin:0 0 12px;font-size:16px;line-height:1.5">${e(paragraph)}</p>`).join("\n")}
${p.fact ? `<p style="margin:16px 0;padding:12px 16px;background:#f9fafb;border-left:4px solid ${color};font-size:16px"><strong>${e(p.fact.label)}${e(c.trimEnd())}</strong> ${e(p.fact.value)}</p>` : ""}
<table role="presentation" cellpadding="0" cellspacing="0" style="margin:24px 0"><tr><td style="border-radius:6px;background:${color}">
<a href="${e(p.button.url)}" style="display:inline-block;padding:12px 24px;font-size:16px;font-weight:600;color:${onColor};text-decoration:none;border-radius:6px">${e(p.button.label)}</a>
</td></tr></table>
<p style="margin:0;font-size:14px;color:#4b5563">${e(common.order)}${e(c)}${e(facts.orderNumber)}${parcelLine ? ` · ${e(common.trackingNumber)}${e(c)}${e(parcelLine)}` : ""}</p>
${support.length ? `<p style="margin:8px 0 0;font-size:14px;color:#4b5563">${e(common.questions({ brand: brand.name }))} ${support.map(e).join(" · ")}</p>` : ""}
<p style="margin:16px 0 0;font-size:16px">${e(common.signOff({ brand: brand.name }))}</p>
</td></tr>
<tr><td style="padding:16px 24px;border-top:1px solid #e5e7eb;font-size:12px;color:#6b7280;line-height:1.5">
${e(common.why(order))} <a href="${e(facts.unsubscribeUrl)}" style="color:#6b7280">${e(common.unsubscribe)}</a>
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>`;
  return { subject: p.subject, html, text };
}
