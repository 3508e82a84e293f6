import { jsonResponse } from "@/lib/http/json-response";
import { pendingMigrations } from "@/lib/migrations/pending-migrations";
import { noteReadinessPoll } from "@/lib/server/drain-grace";
import { isDraining } from "@/lib/server/draining";

export const dynamic = "force-dynamic";

/**
 * Readiness, for the load balancer (deploy/Caddyfile's active health check): 200 only when this instance
 * should get new requests — not shutting down, the database answers, every shipped migration applied.
 * /api/health stays the liveness check (the process answers at all). Draining is checked first and needs
 * no database: a SIGTERMed instance drops out of rotation at once.
 */
export async function GET() {
  // Being polled is what tells a stopping instance that a load balancer is watching (lib/server/drain-grace.ts).
  noteReadinessPoll();
  if (isDraining()) return unavailable("draining", "This instance is shutting down.");
  try {
    const pending = await pendingMigrations();
    if (pending.length > 0) return unavailable("migrations_pending", `Migrations not applied yet: ${pending.join(", ")}.`);
  } catch {
    return unavailable("database_unreachable", "The database does not answer.");
  }
  return jsonResponse(200, { ready: true });
}

function unavailable(reason: string, message: string): Response {
  return jsonResponse(503, { ready: false, error: { code: "service_unavailable", message, details: { reason } } }, { "Retry-After": "1" });
}
