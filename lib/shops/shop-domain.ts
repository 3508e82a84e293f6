/**
 * A shop's address as we compare it: lower-case host, no scheme, no port 80/443, no trailing slash, and the
 * path kept for WordPress installed in a folder ("example.com/shop"). Shopify sends its myshopify.com
 * host (X-Shopify-Shop-Domain), WooCommerce its site URL (X-WC-Webhook-Source, "http://example.com/");
 * both go through here, so "https://Example.com/" and "example.com" are one shop.
 */
const HOST = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;
const PATH = /^(\/[A-Za-z0-9._~-]{1,64}){0,4}$/;

export const SHOP_DOMAIN_MESSAGE = "must be the shop's host name, e.g. northwind.myshopify.com or example.com";

export function normalizeShopDomain(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const text = raw.trim();
  if (text.length === 0 || text.length > 300) return null;
  let url: URL;
  try {
    url = new URL(/^https?:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    return null;
  }
  if (url.username || url.password || url.search || url.hash) return null;
  const host = url.hostname.toLowerCase();
  if (!HOST.test(host) || !host.includes(".")) return null;
  const path = url.pathname.replace(/\/+$/, "");
  if (!PATH.test(path)) return null;
  const port = url.port ? `:${url.port}` : "";
  return `${host}${port}${path}`;
}
