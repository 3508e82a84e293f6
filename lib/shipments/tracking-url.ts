import { appUrl } from "../env";

export function trackingUrl(token: string): string {
  return `${appUrl()}/t/${token}`;
}
