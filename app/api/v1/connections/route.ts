import { handleApi } from "@/lib/api/handler";
import { listConnections } from "@/lib/merchants/queries";

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return handleApi(request, async ({ merchantId }) => ({ status: 200, body: { data: await listConnections(merchantId) } }));
}
