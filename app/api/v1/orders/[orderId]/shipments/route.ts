import { handleApi, readJson } from "@/lib/api/handler";
import { replayableAnswer, withIdempotency } from "@/lib/api/idempotency";
import { addShipment } from "@/lib/shipments/add-shipment";
import type { ShipmentInput } from "@/lib/shipments/schemas";

export const dynamic = "force-dynamic";

export async function POST(request: Request, { params }: { params: Promise<{ orderId: string }> }) {
  const { orderId } = await params;
  return handleApi(request, async ({ merchantId, now }) => {
    const { text, value } = await readJson(request);
    const answer = await withIdempotency(
      merchantId,
      request.headers.get("idempotency-key"),
      { method: "POST", path: `/api/v1/orders/${orderId}/shipments`, body: text },
      now,
      async (tx) => ({ status: 201, body: await addShipment(merchantId, orderId, value as ShipmentInput, now, tx) }),
    );
    return replayableAnswer(answer);
  }, { order: orderId });
}
