import { db } from "../db";
import { PRIVACY_TRANSACTION, recordPrivacyAudit, subjectHash, type PrivacySource } from "./audit";
import { matchShopper } from "./match-shopper";
import { normalizeSubject, privacySubjectSchema, type PrivacySubjectInput } from "./subject";
import { scrubShopperTraces } from "./scrub-traces";

export interface ErasureResult {
  ordersErased: number;
  subscriptionsEnded: number;
  messagesScrubbed: number;
  deliveriesScrubbed: number;
  replaysDropped: number;
}

/**
 * Erases one shopper from one merchant's data, in one transaction: name, email, phone and street leave the
 * orders; their alert subscriptions end (the address itself is overwritten); message bodies and raw webhook
 * bodies that mention them are scrubbed. Shipments, scans, city/region/postal code stay: they carry no
 * contact and feed the merchant's delivery statistics. Running it again finds nothing left and changes
 * nothing. `input` is validated here too, so every caller gets the same rules.
 */
export async function eraseShopper(merchantId: string, input: PrivacySubjectInput, source: PrivacySource = "api", now = new Date()): Promise<ErasureResult> {
  const subject = normalizeSubject(privacySubjectSchema.parse(input));
  return db.$transaction(async (tx) => {
    const merchant = await tx.merchant.findUniqueOrThrow({ where: { id: merchantId }, select: { originCountry: true } });
    const matched = await matchShopper(tx, merchantId, subject, merchant.originCountry);
    const traces = await scrubShopperTraces(tx, merchantId, matched, now);
    const ordersErased = matched.orderIds.length
      ? (await tx.order.updateMany({
          where: { merchantId, id: { in: matched.orderIds } },
          data: { shopperName: null, shopperEmail: null, shopperPhone: null, destStreet: null },
        })).count
      : 0;
    const result = { ordersErased, ...traces };
    await recordPrivacyAudit(tx, merchantId, "privacy_erasure", { subject: subjectHash(subject), source, ...result });
    return result;
  }, PRIVACY_TRANSACTION);
}
