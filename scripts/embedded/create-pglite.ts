import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";

/**
 * Every PGlite instance the project creates (the embedded server, the integration and migration tests):
 * with the contrib extensions the migrations need loaded, since PGlite ships them as separate modules and
 * `CREATE EXTENSION pg_trgm` fails unless the instance was created with it.
 */
export function createPglite(dataDir?: string): Promise<PGlite> {
  return PGlite.create(dataDir, { extensions: { pg_trgm } });
}
