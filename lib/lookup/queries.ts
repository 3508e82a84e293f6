import "server-only";
import { db } from "../db";

/** What the public lookup page shows: the merchant's brand and contacts, nothing else. */
export async function getLookupMerchant(slug: string) {
  return db.merchant.findUnique({
    where: { slug },
    select: {
      slug: true, name: true, brandColor: true, accentColor: true, logoUrl: true, supportEmail: true, supportPhone: true,
      supportUrl: true, defaultLocale: true,
    },
  });
}
