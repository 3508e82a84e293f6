import { handleApi, notFound, parseWith, readJson } from "@/lib/api/handler";
import { shopConnectionInputSchema } from "@/lib/api/schemas";
import { isShopPlatform } from "@/lib/shops/platforms";
import { getShopConnection } from "@/lib/shops/queries";
import { removeShopConnection } from "@/lib/shops/remove-shop-connection";
import { setShopConnection } from "@/lib/shops/set-shop-connection";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ platform: string }> };

/** The shop connection for one platform, with the webhook URL to paste into the shop. */
export async function GET(request: Request, { params }: Params) {
  const { platform } = await params;
  return handleApi(request, async ({ merchantId }) => {
    if (!isShopPlatform(platform)) notFound("platform");
    return { status: 200, body: await getShopConnection(merchantId, platform) };
  });
}

/** Connects or replaces the shop (domain and webhook secret). Write-only: the answer never contains the secret. */
export async function PUT(request: Request, { params }: Params) {
  const { platform } = await params;
  return handleApi(request, async ({ merchantId }) => {
    if (!isShopPlatform(platform)) notFound("platform");
    const { value } = await readJson(request);
    await setShopConnection(merchantId, platform, parseWith(shopConnectionInputSchema, value));
    return { status: 200, body: await getShopConnection(merchantId, platform) };
  });
}

/** Disconnects the shop; 404 when none was connected. */
export async function DELETE(request: Request, { params }: Params) {
  const { platform } = await params;
  return handleApi(request, async ({ merchantId }) => {
    if (!isShopPlatform(platform)) notFound("platform");
    if (!(await removeShopConnection(merchantId, platform))) notFound("shop connection");
    return { status: 200, body: await getShopConnection(merchantId, platform) };
  });
}
