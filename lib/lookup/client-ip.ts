/**
 * The client address for rate limiting: the last X-Forwarded-For entry, i.e. the one added by the
 * nearest proxy (Next.js itself fills the header with the socket address when nothing in front of it
 * did). Behind more than one proxy, put the trusted one last. Never used for anything but counting.
 */
export function clientIp(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for");
  const last = forwarded?.split(",").map((part) => part.trim()).filter(Boolean).at(-1);
  return (last ?? headers.get("x-real-ip") ?? "unknown").replace(/^::ffff:/, "").slice(0, 64);
}
