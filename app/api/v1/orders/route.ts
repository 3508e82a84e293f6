import { handleApi, parseWith, queryObject, readJson } from "@/lib/api/handler";
import { replayableAnswer, withIdempotency } from "@/lib/api/idempotency";
import { listQuerySchema } from "@/lib/api/schemas";
import { createOrder } from "@/lib/shipments/create-order";
import { getOrder, listOrders } from "@/lib/shipments/merchant-queries";
import type { OrderInput } from "@/lib/shipments/schemas";

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return handleApi(request, async ({ merchantId, now }) => {
    const query = parseWith(listQuerySchema, queryObject(request), "query");
    return { status: 200, body: await listOrders(merchantId, query, now) };
  });
}

export function POST(request: Request) {
  return handleApi(request, async ({ merchantId, now }) => {
    const { text, value } = await readJson(request);
    const answer = await withIdempotency(
      merchantId,
      request.headers.get("idempotency-key"),
      { method: "POST", path: "/api/v1/orders", body: text },
      now,
      async (tx) => {
        const created = await createOrder(merchantId, value as OrderInput, now, tx);
        return { status: 201, body: await getOrder(merchantId, created.id, tx) };
      },
    );
    return replayableAnswer(answer);
  });
}
