import { handleApi, notFound, readJson } from "@/lib/api/handler";
import type { OrderUpdate } from "@/lib/api/schemas";
import { getOrder } from "@/lib/shipments/merchant-queries";
import { updateOrder } from "@/lib/shipments/update-order";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ orderId: string }> };

export async function GET(request: Request, { params }: Params) {
  const { orderId } = await params;
  return handleApi(request, async ({ merchantId }) => ({ status: 200, body: (await getOrder(merchantId, orderId)) ?? notFound("order") }), { order: orderId });
}

export async function PATCH(request: Request, { params }: Params) {
  const { orderId } = await params;
  return handleApi(request, async ({ merchantId }) => {
    const { value } = await readJson(request);
    return { status: 200, body: await updateOrder(merchantId, orderId, value as OrderUpdate) };
  }, { order: orderId });
}
