import { handleApi, parseWith, queryObject } from "@/lib/api/handler";
import { listQuerySchema } from "@/lib/api/schemas";
import { listShipments } from "@/lib/shipments/merchant-queries";

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return handleApi(request, async ({ merchantId, now }) => {
    const query = parseWith(listQuerySchema, queryObject(request), "query");
    return { status: 200, body: await listShipments(merchantId, query, now) };
  });
}
