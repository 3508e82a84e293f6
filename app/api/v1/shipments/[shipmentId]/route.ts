import { handleApi, notFound, readJson } from "@/lib/api/handler";
import type { ShipmentUpdate } from "@/lib/api/schemas";
import { getShipment } from "@/lib/shipments/merchant-queries";
import { updateShipment } from "@/lib/shipments/update-shipment";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ shipmentId: string }> };

export async function GET(request: Request, { params }: Params) {
  const { shipmentId } = await params;
  return handleApi(request, async ({ merchantId }) => ({
    status: 200,
    body: (await getShipment(merchantId, shipmentId)) ?? notFound("shipment"),
  }), { shipment: shipmentId });
}

export async function PATCH(request: Request, { params }: Params) {
  const { shipmentId } = await params;
  return handleApi(request, async ({ merchantId }) => {
    const { value } = await readJson(request);
    return { status: 200, body: await updateShipment(merchantId, shipmentId, value as ShipmentUpdate) };
  }, { shipment: shipmentId });
}
