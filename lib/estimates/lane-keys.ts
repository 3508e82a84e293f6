/**
 * The fall-back chain of history "levels" a shipment is estimated from, most specific first:
 *   lane-carrier  origin region → destination region, by this carrier/service
 *   lane          origin region → destination region
 *   destination   anything to the destination region
 *   carrier       anything by this carrier/service
 *   global        everything the merchant delivered
 * Levels whose parts are unknown (empty state, no carrier) are left out rather than keyed as "".
 * Keys are stable strings so the database can store one row per key.
 */
import type { LaneLevel, Place, Route } from "./types";

export interface LaneRef {
  level: LaneLevel;
  key: string;
  /** Short human label: "SP→RJ", "to RJ", "correios/sedex", "all". */
  label: string;
}

export const GLOBAL_KEY = "*";

function clean(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

export function placeKey(place: Pick<Place, "country" | "region">): string | null {
  const region = clean(place.region);
  return region ? `${place.country.trim().toUpperCase()}-${region.toUpperCase()}` : null;
}

function placeLabel(place: Pick<Place, "country" | "region">, withCountry: boolean): string {
  const region = clean(place.region)?.toUpperCase() ?? "?";
  return withCountry ? `${place.country.toUpperCase()}-${region}` : region;
}

export function carrierKey(carrier: string | null, service: string | null): string | null {
  const c = clean(carrier)?.toLowerCase();
  if (!c) return null;
  const s = clean(service)?.toLowerCase();
  return s ? `${c}/${s}` : c;
}

/**
 * The chain the *handling* time (order → carrier hand-off) is read from: it depends on who packs the
 * parcel, not where it goes. Most specific first:
 *   shipper   the site that hands parcels over (a marketplace seller, a warehouse), when the route names one
 *   origin    anything shipped from the origin region (only alongside a shipper: a shop with one
 *             warehouse has a single origin, and its global row already says the same)
 *   global    everything
 * Without a shipper this is just the global row, so callers that name none store the same rows as before.
 */
export function handlingChain(route: Route): HandlingRef[] {
  const origin = placeKey(route.origin);
  const shipper = clean(route.shipper);
  const chain: HandlingRef[] = [];
  if (shipper) {
    chain.push({ level: "shipper", key: `@${shipper}`, label: shipper });
    if (origin) chain.push({ level: "origin", key: `${origin}>`, label: `from ${placeLabel(route.origin, false)}` });
  }
  chain.push({ level: "global", key: GLOBAL_KEY, label: "all" });
  return chain;
}

export interface HandlingRef {
  level: "shipper" | "origin" | "global";
  key: string;
  label: string;
}

export function laneChain(route: Route): LaneRef[] {
  const origin = placeKey(route.origin);
  const destination = placeKey(route.destination);
  const carrier = carrierKey(route.carrier, route.service);
  const international = route.origin.country.toUpperCase() !== route.destination.country.toUpperCase();
  const laneLabel = `${placeLabel(route.origin, international)}→${placeLabel(route.destination, international)}`;
  const chain: LaneRef[] = [];
  if (origin && destination && carrier) {
    chain.push({ level: "lane-carrier", key: `${origin}>${destination}|${carrier}`, label: `${laneLabel} by ${carrier}` });
  }
  if (origin && destination) chain.push({ level: "lane", key: `${origin}>${destination}`, label: laneLabel });
  if (destination) {
    chain.push({ level: "destination", key: `>${destination}`, label: `to ${placeLabel(route.destination, international)}` });
  }
  if (carrier) chain.push({ level: "carrier", key: `|${carrier}`, label: carrier });
  chain.push({ level: "global", key: GLOBAL_KEY, label: "all" });
  return chain;
}
