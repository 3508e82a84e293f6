import { handleApi, readJson } from "@/lib/api/handler";
import type { BrandingInput } from "@/lib/merchants/branding";
import { getBranding } from "@/lib/merchants/queries";
import { updateBranding } from "@/lib/merchants/update-branding";

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return handleApi(request, async ({ merchantId }) => ({ status: 200, body: await getBranding(merchantId) }));
}

export function PATCH(request: Request) {
  return handleApi(request, async ({ merchantId }) => {
    const { value } = await readJson(request);
    return { status: 200, body: await updateBranding(merchantId, value as BrandingInput) };
  });
}
