/**
 * A place as the public page may show it: city and region only. Street and postal code never leave
 * the server (the page is public to whoever holds the link).
 */
export function formatPlace(city: string | null | undefined, region: string | null | undefined): string | null {
  const parts = [city, region].map((part) => part?.trim()).filter((part): part is string => Boolean(part));
  return parts.length ? parts.join(", ") : null;
}
