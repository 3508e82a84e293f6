import { z } from "zod";
import { dayInWindow, instantInWindow } from "../validation/date-window";
import { safeString } from "../validation/safe-text";
import { trackingNumberSchema } from "./tracking-number";

const text = (max: number) => safeString().trim().min(1).max(max);

export const shipmentInputSchema = z.object({
  carrier: text(40),
  service: text(80).optional(),
  trackingNumber: trackingNumberSchema(),
  carrierUrl: z.url({ protocol: /^https?$/ }).max(500).optional(),
});

export const orderInputSchema = z.object({
  orderNumber: text(64),
  placedAt: instantInWindow().optional(),
  promisedBy: dayInWindow()
    .optional()
    .describe("The delivery date the shop promised at checkout (YYYY-MM-DD, the shopper's local date). The page warns \"running late\" as soon as it becomes unlikely."),
  shopper: z
    .object({
      name: text(120).optional(),
      email: safeString().pipe(z.email().max(254)).optional(),
      phone: text(32).optional(),
      timeZone: text(64).optional(),
    })
    .default({}),
  destination: z.object({
    street: text(200).optional(),
    city: text(100).optional(),
    region: text(100).optional(),
    postalCode: text(20).optional(),
    country: safeString().trim().length(2, "a two-letter ISO country code").toUpperCase(),
  }),
  shipments: z.array(shipmentInputSchema).max(20).default([]),
});

export type OrderInput = z.input<typeof orderInputSchema>;
export type ShipmentInput = z.input<typeof shipmentInputSchema>;
