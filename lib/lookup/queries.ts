import "server-only";
import { db } from "../db";
import { isWellFormedSlug } from "../validation/ids";

/** What the public lookup page shows: the merchant's brand and contacts, nothing else. */
export async function getLookupMerchant(slug: string) {
  // "/%00/lookup" and the like name no merchant: answered like an unknown one, without a query.
  if (!isWellFormedSlug(slug)) return null;
  return db.merchant.findUnique({
    where: { slug },
    select: {
      slug: true, name: true, brandColor: true, accentColor: true, logoUrl: true, supportEmail: true, supportPhone: true,
      supportUrl: true, defaultLocale: true,
    },
  });
}
