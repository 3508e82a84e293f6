import { handleApi, notFound } from "@/lib/api/handler";
import { listShipmentSubscriptions } from "@/lib/shipments/merchant-queries";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ shipmentId: string }> }) {
  const { shipmentId } = await params;
  return handleApi(request, async ({ merchantId }) => {
    const data = await listShipmentSubscriptions(merchantId, shipmentId);
    return { status: 200, body: { data: data ?? notFound("shipment") } };
  }, { shipment: shipmentId });
}
