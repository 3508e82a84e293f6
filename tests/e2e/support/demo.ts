import { readFileSync } from "node:fs";
import path from "node:path";

export const DEMO_FILE = path.resolve(`test-results/e2e-demo-${process.env.E2E_PORT ?? 3100}.json`);
/** TXT records the e2e server's DNS stand-in answers (DNS_SERVERS points the app at it); specs write it. */
export const DNS_FILE = path.resolve(`test-results/e2e-dns-${process.env.E2E_PORT ?? 3100}.json`);

export interface E2eDemo {
  databaseUrl: string;
  /** The server's APP_SECRET, so a process the spec starts (the alerts worker) signs links the server accepts. */
  appSecret: string;
  merchantSlug: string;
  genericSecret: string;
  shipments: { orderNumber: string; status: string; token: string }[];
}

export function demo(): E2eDemo {
  return JSON.parse(readFileSync(DEMO_FILE, "utf8")) as E2eDemo;
}

/** The first demo shipment of an order (NW-1006 has two). */
export function tokenOf(orderNumber: string, index = 0): string {
  const matches = demo().shipments.filter((shipment) => shipment.orderNumber === orderNumber);
  const shipment = matches[index];
  if (!shipment) throw new Error(`No demo shipment ${index} for ${orderNumber}`);
  return shipment.token;
}
