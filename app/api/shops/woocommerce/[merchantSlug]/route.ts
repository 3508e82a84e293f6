import { errorResponse, jsonResponse } from "@/lib/http/json-response";
import { readBytesLimited } from "@/lib/http/read-body";
import { receiveShopWebhook } from "@/lib/shops/receive-shop-webhook";
import { MAX_WEBHOOK_BYTES } from "@/lib/webhooks/receive-webhook";

export const dynamic = "force-dynamic";

/** WooCommerce webhooks for one merchant (docs/shops.md). Raw bytes in: the signature covers them exactly. */
export async function POST(request: Request, { params }: { params: Promise<{ merchantSlug: string }> }) {
  const { merchantSlug } = await params;
  try {
    const bytes = await readBytesLimited(request, MAX_WEBHOOK_BYTES);
    const answer = await receiveShopWebhook("woocommerce", merchantSlug, bytes, request.headers, new Date());
    return jsonResponse(answer.status, answer.body, answer.headers);
  } catch (error) {
    return errorResponse(error);
  }
}
