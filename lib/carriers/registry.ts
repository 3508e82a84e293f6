import { aftershipAdapter } from "./aftership/adapter";
import { easypostAdapter } from "./easypost/adapter";
import { genericAdapter } from "./generic/adapter";
import { shippoAdapter } from "./shippo/adapter";
import { PROVIDERS, type CarrierAdapter, type Provider } from "./types";

const ADAPTERS: Readonly<Record<Provider, CarrierAdapter>> = {
  easypost: easypostAdapter,
  shippo: shippoAdapter,
  aftership: aftershipAdapter,
  generic: genericAdapter,
};

/** The URL segment comes from the outside: checked against the list, never used as an object key unchecked. */
export function isProvider(value: string): value is Provider {
  return (PROVIDERS as readonly string[]).includes(value);
}

export function getAdapter(provider: string): CarrierAdapter | null {
  return isProvider(provider) ? ADAPTERS[provider] : null;
}
