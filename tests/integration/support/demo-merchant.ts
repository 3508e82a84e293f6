import { db } from "../../../lib/db";
import type { Provider } from "../../../lib/carriers/types";
import { createMerchant } from "../../../lib/merchants/create-merchant";
import { sealSecret } from "../../../lib/crypto/secret-box";
import { MIN_SECRET_LENGTH } from "../../../lib/merchants/secret-hint";
import { CONNECTION_SECRET_PURPOSE, setProviderConnection } from "../../../lib/merchants/set-provider-connection";
import { createOrder } from "../../../lib/shipments/create-order";

export const SECRETS: Record<Provider, string> = {
  easypost: "sécret",
  shippo: "shippo-url-token-0001",
  aftership: "aftership-secret-0001",
  generic: "generic-secret-0001",
};

/** A merchant with a connection for every provider, as the tests' sender. */
export async function merchantWithConnections(slug: string) {
  const merchant = await createMerchant({ slug, name: `Shop ${slug}`, timeZone: undefined, defaultLocale: undefined });
  for (const [provider, secret] of Object.entries(SECRETS)) {
    if (secret.length >= MIN_SECRET_LENGTH) await setProviderConnection(merchant.id, provider as Provider, secret);
    // EasyPost's official test vector uses a 6-character secret, which setProviderConnection now refuses:
    // stored as a connection saved before the minimum would have been.
    else {
      await db.providerConnection.create({
        data: { merchantId: merchant.id, provider: provider as Provider, secretCiphertext: sealSecret(secret, CONNECTION_SECRET_PURPOSE), secretHint: "" },
        select: { id: true },
      });
    }
  }
  return merchant;
}

export async function registerShipment(merchantId: string, orderNumber: string, carrier: string, trackingNumber: string) {
  const order = await createOrder(merchantId, {
    orderNumber,
    destination: { city: "Chicago", region: "IL", postalCode: "60601", country: "US", street: "1 Secret Lane" },
    shopper: { email: "shopper@example.com" },
    shipments: [{ carrier, trackingNumber }],
  });
  return order.shipments[0]!;
}

export async function eventsOf(shipmentId: string) {
  return db.trackingEvent.findMany({
    where: { shipmentId },
    orderBy: { occurredAt: "asc" },
    select: { status: true, description: true, occurredAt: true, utcOffsetMinutes: true, dedupeKey: true },
  });
}

/** Events a delivery added, read from its stored row (the 202 answer only says it was accepted). */
export async function eventsAddedBy(response: Response): Promise<number> {
  const { deliveryId } = (await response.json()) as { deliveryId: string };
  const delivery = await db.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId }, select: { outcome: true, eventsAdded: true } });
  if (delivery.outcome === "RECEIVED") throw new Error(`delivery ${deliveryId} is still pending`);
  return delivery.eventsAdded;
}
