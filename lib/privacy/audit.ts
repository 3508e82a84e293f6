import { createHmac } from "node:crypto";
import { appSecret } from "../crypto/app-secret";
import type { Prisma } from "../generated/prisma/client";
import type { PrivacySubject } from "./subject";

export type PrivacySource = "api" | "shopify";

/**
 * Scrubbing raw webhook bodies scans the merchant's stored deliveries: longer than Prisma's 5 s default
 * for a large merchant. Still bounded, because on the embedded database an open transaction stalls
 * every other connection.
 */
export const PRIVACY_TRANSACTION = { maxWait: 10_000, timeout: 30_000 };

/**
 * A keyed hash of who the request was about: the audit log proves a request was honoured (the operator can
 * recompute it for a given address) without holding the address, and cannot be reversed by guessing
 * addresses without APP_SECRET.
 */
export function subjectHash(subject: PrivacySubject): string {
  return createHmac("sha256", appSecret()).update(`privacy-subject:${subject.email ?? ""}|${subject.phone?.replace(/\D/g, "") ?? ""}`).digest("base64url");
}

export async function recordPrivacyAudit(
  tx: Prisma.TransactionClient,
  merchantId: string,
  action: "privacy_erasure" | "privacy_export" | "privacy_data_request" | "privacy_shop_redact",
  detail: Record<string, string | number | boolean>,
): Promise<void> {
  await tx.auditEntry.create({ data: { merchantId, userId: null, action, detail }, select: { id: true } });
}
