import { PROVIDERS, type Provider } from "@/lib/carriers/types";
import { handleApi, notFound, parseWith, readJson } from "@/lib/api/handler";
import { connectionInputSchema } from "@/lib/api/schemas";
import { listConnections } from "@/lib/merchants/queries";
import { setProviderConnection } from "@/lib/merchants/set-provider-connection";

export const dynamic = "force-dynamic";

/** Sets (or replaces) the webhook secret for one provider. Write-only: the answer never contains it. */
export async function PUT(request: Request, { params }: { params: Promise<{ provider: string }> }) {
  const { provider } = await params;
  return handleApi(request, async ({ merchantId }) => {
    if (!(PROVIDERS as readonly string[]).includes(provider)) notFound("provider");
    const { value } = await readJson(request);
    const { secret } = parseWith(connectionInputSchema, value);
    await setProviderConnection(merchantId, provider as Provider, secret);
    const connection = (await listConnections(merchantId)).find((c) => c.provider === provider);
    return { status: 200, body: connection };
  });
}
