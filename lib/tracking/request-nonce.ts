/** The nonce proxy.ts put in this request's Content-Security-Policy header, if it is rendered per request. */
export function nonceFromCsp(policy: string | null): string | undefined {
  return /'nonce-([A-Za-z0-9+/=_-]+)'/.exec(policy ?? "")?.[1];
}
