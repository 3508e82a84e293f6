/**
 * Shopify's mandatory privacy topics, dispatched here by lib/shops/receive-shop-webhook.ts once the
 * delivery is verified and stored. This is a stand-in that does nothing: implemented by lib/privacy.
 */
export async function handlePrivacyTopic(
  merchantId: string,
  topic: "customers/redact" | "shop/redact" | "customers/data_request",
  payload: unknown,
): Promise<void> {
  void merchantId;
  void topic;
  void payload;
}
