import { buildOpenApiDocument } from "@/lib/api/openapi";
import { appUrl } from "@/lib/env";

export const dynamic = "force-dynamic";

export function GET() {
  return Response.json(buildOpenApiDocument(appUrl()), { headers: { "Cache-Control": "public, max-age=300" } });
}
