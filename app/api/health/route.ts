import { db } from "@/lib/db";

export const dynamic = "force-dynamic";

/** For load balancers and uptime checks: 200 when the database answers, 503 when it does not. */
export async function GET() {
  try {
    await db.$queryRaw`SELECT 1`;
    return Response.json({ ok: true }, { headers: { "Cache-Control": "no-store" } });
  } catch {
    return Response.json({ ok: false, error: { code: "service_unavailable", message: "Database unreachable" } }, { status: 503 });
  }
}
