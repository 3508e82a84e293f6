import { randomBytes, timingSafeEqual } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import { negotiateLocale } from "../i18n/negotiate";
import { newNonce, nonceCsp, PRIVACY_HEADERS } from "./csp";
import { documentHeaders, documentVersion, withDocumentLang } from "./document-html";
import { AUTO_LOCALE, LANG_HEADER } from "./page-locale";
import { PageCache, type CachedPage, type RenderedPage } from "./page-cache";
import { tokenAllowedOnHost } from "../merchants/custom-domain";
import { logger } from "../logger";

/**
 * What proxy.ts does for shopper pages (/t/{token} and /{merchant}/lookup):
 * - documents (GET/HEAD, not RSC) are rendered by a loopback request to this same server, given
 *   <html lang> and a Content-Security-Policy listing their inline scripts' hashes, and — for tracking
 *   pages — served from PageCache until their data version changes;
 * - plain form POSTs (server actions without JavaScript) are replayed the same way, uncached;
 * - everything else (RSC refreshes, server actions from JavaScript) goes on to the page with a nonce CSP.
 * The language (?lang=, else Accept-Language, else the merchant's default) travels in a request header
 * (LANG_HEADER, always set here, so a client cannot choose it); each language is its own cached page.
 */
const RENDER_HEADER = "x-pp-render";
const SECRET = Buffer.from(randomBytes(32).toString("hex"));
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{1,64}$/;
// Stands in for anything that is not token-shaped: token-shaped itself (never issued), so the page does
// the very lookup an unknown token gets, and the 404 differs from an unknown token's only in the token.
const MALFORMED = "_".repeat(24);
/**
 * Every loopback request is bounded: a render that does not answer in time is abandoned and the visitor
 * is served by the page directly (passThrough), so no visitor waits on a request that never ends.
 */
const LOOPBACK_TIMEOUT_MS = 8_000;
const VERSION_TIMEOUT_MS = 2_000;

function loopbackOrigin(): string {
  const origin = process.env.__NEXT_PRIVATE_ORIGIN ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`;
  return origin.replace("//localhost:", "//127.0.0.1:");
}

/** Our own loopback render (it carries this process's secret): never counted or checked again. */
export function isInternalRender(request: NextRequest): boolean {
  return isInternal(request);
}

function isInternal(request: NextRequest): boolean {
  const given = Buffer.from(request.headers.get(RENDER_HEADER) ?? "");
  return given.length === SECRET.length && timingSafeEqual(given, SECRET);
}

/**
 * A page load rather than the client router's data fetch. Next.js strips its own RSC headers and the
 * `_rsc` parameter before the proxy sees a request, so this asks the browser instead: navigations say
 * `Sec-Fetch-Dest: document`, the router's fetches `empty`. Clients that send no fetch metadata (curl,
 * link previews, crawlers) get the document.
 */
function isDocumentRequest(request: NextRequest): boolean {
  const destination = request.headers.get("sec-fetch-dest");
  return (
    (request.method === "GET" || request.method === "HEAD") &&
    !request.headers.has("next-action") &&
    (destination === null || destination === "document")
  );
}

interface Target {
  token: string;
  /** A locale, or "auto" for the merchant's default. */
  segment: string;
  /** The URL named the language (?lang=): the rendered page's canonical URL keeps it. */
  explicit: boolean;
}

function languageOf(request: NextRequest): { segment: string; explicit: boolean } {
  const explicit = request.nextUrl.searchParams.get("lang");
  const chosen = negotiateLocale(explicit, request.headers.get("accept-language"));
  return { segment: chosen ?? AUTO_LOCALE, explicit: Boolean(explicit) && chosen !== null && explicit === chosen };
}

function keyOf(target: Target): string {
  return `${target.token} ${target.segment} ${target.explicit ? 1 : 0}`;
}

function targetOf(key: string): Target {
  const [token = MALFORMED, segment = AUTO_LOCALE, explicit] = key.split(" ");
  return { token, segment, explicit: explicit === "1" };
}

async function loopback(path: string, segment: string, signal = AbortSignal.timeout(LOOPBACK_TIMEOUT_MS)): Promise<RenderedPage> {
  const response = await fetch(`${loopbackOrigin()}${path}`, {
    headers: { [RENDER_HEADER]: SECRET.toString(), [LANG_HEADER]: segment, accept: "text/html" },
    redirect: "manual",
    cache: "no-store",
    signal,
  });
  const html = await response.text();
  return { status: response.status, html, version: response.status === 200 ? documentVersion(html) : null };
}

function finish(page: RenderedPage) {
  const html = withDocumentLang(page.html);
  return { html, headers: documentHeaders(html) };
}

const pages = new PageCache({
  render(key, signal) {
    const { token, segment, explicit } = targetOf(key);
    return loopback(`/t/${token}${explicit ? `?lang=${segment}` : ""}`, segment, signal);
  },
  async version(key, signal) {
    const response = await fetch(`${loopbackOrigin()}/api/tracking/${targetOf(key).token}/version`, {
      cache: "no-store",
      signal: AbortSignal.any([signal, AbortSignal.timeout(VERSION_TIMEOUT_MS)]),
    });
    const body = (await response.json().catch(() => ({}))) as { version?: string };
    return response.status === 200 ? (body.version ?? null) : null;
  },
  finish,
  timeoutMs: LOOPBACK_TIMEOUT_MS,
});

/**
 * Next.js 16 answers a notFound() thrown while rendering a dynamic page with an empty error shell that
 * only JavaScript fills in. Page loads get the app's own server-rendered 404 instead (any path no route
 * matches renders it), fetched once per process: readable without JavaScript, and the very same bytes for
 * every unknown or malformed token, after the same lookup.
 */
let notFoundDocument: Promise<{ status: number; body: Uint8Array; headers: Record<string, string> }> | null = null;

function notFoundPage() {
  notFoundDocument ??= loopback("/_parcelpage/not-found", AUTO_LOCALE)
    .then((page) => {
      const { html, headers } = finish(page);
      return { status: 404, body: new TextEncoder().encode(html), headers };
    })
    .catch((error: unknown) => {
      notFoundDocument = null;
      throw error;
    });
  return notFoundDocument;
}

function documentResponse(page: Pick<CachedPage, "status" | "headers"> & { body: Uint8Array | string }, method: string): NextResponse {
  return new NextResponse(method === "HEAD" ? null : (page.body as BodyInit), { status: page.status, headers: page.headers });
}

/**
 * Hands the request on to the page with a per-request nonce (RSC refreshes, server actions, fallbacks).
 * Never a rewrite: the language travels in a request header, so the URL the page sees is the real one.
 */
function passThrough(request: NextRequest, segment: string, rewriteTo: string | null = null): NextResponse {
  const nonce = newNonce();
  const csp = nonceCsp(nonce);
  const headers = new Headers(request.headers);
  headers.delete(RENDER_HEADER);
  headers.set(LANG_HEADER, segment);
  headers.set("content-security-policy", csp);
  restoreSameOrigin(headers);
  // A custom domain's short path (/track/{number}) has no route of its own: it is served by the long one.
  const response = rewriteTo ? NextResponse.rewrite(new URL(rewriteTo, request.url), { request: { headers } }) : NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", csp);
  for (const [name, value] of Object.entries(PRIVACY_HEADERS)) response.headers.set(name, value);
  return response;
}

/**
 * Pages sent with `Referrer-Policy: no-referrer` make browsers send `Origin: null` on their own plain
 * form POSTs (no-JavaScript server actions), which Next.js refuses as cross-origin. The browser's
 * `Sec-Fetch-Site: same-origin` (a header pages cannot set) proves where the form came from, so the
 * origin is restored for exactly that case; anything cross-site still arrives with its own origin.
 */
export function restoreSameOrigin(headers: Headers): void {
  if (headers.get("origin") !== "null" || headers.get("sec-fetch-site") !== "same-origin") return;
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  if (!host) return;
  const protocol = headers.get("x-forwarded-proto")?.split(",")[0]?.trim() ?? "http";
  headers.set("origin", `${protocol}://${host}`);
}

/** Our own loopback render: on to the page with the language header it carries (and without the secret). */
function internalRender(request: NextRequest): NextResponse {
  const headers = new Headers(request.headers);
  headers.delete(RENDER_HEADER);
  return NextResponse.next({ request: { headers } });
}

/** A plain form POST (no JavaScript): its answer is a whole document, so it is post-processed too. */
function isFormPost(request: NextRequest): boolean {
  return request.method === "POST" && !request.headers.has("next-action");
}

const HOP_BY_HOP = ["host", "connection", "keep-alive", "transfer-encoding", "content-length", "expect", "upgrade", "accept-encoding"];

/** Replays a plain form POST through the loopback, so its answer gets <html lang> and a hashed CSP. */
async function forwardFormPost(request: NextRequest, segment: string): Promise<NextResponse> {
  const headers = new Headers(request.headers);
  restoreSameOrigin(headers);
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (host) headers.set("x-forwarded-host", host);
  for (const name of HOP_BY_HOP) headers.delete(name);
  headers.set(RENDER_HEADER, SECRET.toString());
  headers.set(LANG_HEADER, segment);
  const response = await fetch(`${loopbackOrigin()}${request.nextUrl.pathname}${request.nextUrl.search}`, {
    method: "POST",
    headers,
    body: await request.arrayBuffer(),
    redirect: "manual",
    cache: "no-store",
    signal: AbortSignal.timeout(LOOPBACK_TIMEOUT_MS),
  });
  const location = response.headers.get("location");
  if (response.status >= 300 && response.status < 400 && location) {
    // Absolute for Next.js's proxy adapter, which turns a same-host redirect back into a relative one.
    const target = new URL(location, request.url).toString();
    return new NextResponse(null, { status: response.status, headers: { ...PRIVACY_HEADERS, location: target, "cache-control": "no-store" } });
  }
  const { html, headers: documentHeadersFor } = finish({ status: response.status, html: await response.text(), version: null });
  return documentResponse({ status: response.status, body: html, headers: { ...documentHeadersFor, "cache-control": "private, no-store" } }, "POST");
}

/** The form's body is spent, so it cannot be handed on: the visitor is asked to send it again. */
function formPostFailed(error: unknown): NextResponse {
  logger.warn({ err: error instanceof Error ? error.message : String(error) }, "form post could not be forwarded");
  return new NextResponse("The page took too long to answer. Please go back and send the form again.", {
    status: 503,
    headers: { ...PRIVACY_HEADERS, "content-type": "text/plain; charset=utf-8", "retry-after": "5", "cache-control": "no-store" },
  });
}

/** /t/{token}: the tracking page. */
export async function trackingProxy(request: NextRequest, rawToken: string | null): Promise<NextResponse> {
  const token = rawToken && TOKEN_SHAPE.test(rawToken) ? rawToken : MALFORMED;
  if (isInternal(request)) return internalRender(request);
  const { segment, explicit } = languageOf(request);
  if (isFormPost(request)) return forwardFormPost(request, segment).catch(formPostFailed);
  if (!isDocumentRequest(request)) return passThrough(request, segment);
  try {
    if (!(await tokenAllowedOnHost(request.headers.get("host"), token))) return documentResponse(await notFoundPage(), request.method);
    const noCache = /no-cache|max-age=0/.test(request.headers.get("cache-control") ?? "");
    const page = await pages.get(keyOf({ token, segment, explicit }), { revalidate: noCache });
    return documentResponse(page.status === 404 ? await notFoundPage() : page, request.method);
  } catch (error) {
    logger.warn({ err: error instanceof Error ? error.message : String(error) }, "cached tracking render failed; rendering per request");
    return passThrough(request, segment);
  }
}

/** The app's own 404 document (the same bytes for every unknown page it stands for). */
export async function notFoundResponse(request: NextRequest): Promise<NextResponse> {
  return documentResponse(await notFoundPage(), request.method === "HEAD" ? "HEAD" : "GET");
}

/** /{merchant}/lookup: rendered per request (it is a form), but post-processed like the tracking page. */
export function lookupProxy(request: NextRequest, merchantSlug: string): Promise<NextResponse> {
  return perRequestPageProxy(request, `/${encodeURIComponent(merchantSlug)}/lookup`);
}

/**
 * A shopper page rendered per request (never cached), post-processed like the tracking page. `pagePath` is
 * the route that renders it, which differs from the URL on a custom domain's short paths.
 */
export async function perRequestPageProxy(request: NextRequest, pagePath: string): Promise<NextResponse> {
  if (isInternal(request)) return internalRender(request);
  const { segment, explicit } = languageOf(request);
  if (isFormPost(request)) return forwardFormPost(request, segment).catch(formPostFailed);
  const rewriteTo = pagePath === request.nextUrl.pathname ? null : pagePath;
  if (!isDocumentRequest(request)) return passThrough(request, segment, rewriteTo);
  try {
    const rendered = await loopback(`${pagePath}${explicit ? `?lang=${segment}` : ""}`, segment);
    if (rendered.status >= 300 && rendered.status < 400) return passThrough(request, segment, rewriteTo);
    if (rendered.status === 404) return documentResponse(await notFoundPage(), request.method);
    const { html, headers } = finish(rendered);
    return documentResponse({ status: rendered.status, body: html, headers: { ...headers, "cache-control": "private, no-store" } }, request.method);
  } catch {
    return passThrough(request, segment, rewriteTo);
  }
}
