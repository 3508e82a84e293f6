import { errorResponse, jsonResponse } from "@/lib/http/json-response";
import { receiveShopRequest } from "@/lib/shops/receive-shop-request";

export const dynamic = "force-dynamic";

/** Shopify webhooks for one merchant (docs/shops.md). Raw bytes in: the signature covers them exactly. */
export async function POST(request: Request, { params }: { params: Promise<{ merchantSlug: string }> }) {
  const { merchantSlug } = await params;
  try {
    const answer = await receiveShopRequest("shopify", merchantSlug, request, new Date());
    return jsonResponse(answer.status, answer.body, answer.headers);
  } catch (error) {
    return errorResponse(error);
  }
}
