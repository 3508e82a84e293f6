import { Resolver } from "node:dns/promises";
import { env } from "../env";

/** The TXT strings published at a DNS name (each record's chunks joined); [] when there are none. */
export type TxtLookup = (name: string) => Promise<string[]>;

const MISSING = new Set(["ENOTFOUND", "ENODATA", "ENONAME", "NXDOMAIN"]);

/**
 * A TXT lookup through node:dns. `servers` (else DNS_SERVERS, else the system's resolvers) lets tests
 * point it at a DNS stand-in on loopback. A name without records is [], a failing resolver throws.
 */
export function dnsTxtLookup(servers: string[] | undefined = env().DNS_SERVERS): TxtLookup {
  const resolver = new Resolver({ timeout: 3_000, tries: 2 });
  if (servers?.length) resolver.setServers(servers);
  return async (name) => {
    try {
      return (await resolver.resolveTxt(name)).map((chunks) => chunks.join(""));
    } catch (error) {
      if (MISSING.has((error as { code?: string }).code ?? "")) return [];
      throw error;
    }
  };
}
