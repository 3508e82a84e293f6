/**
 * The tracking page's data version: the newest updatedAt it depends on plus the number of parcels
 * (a parcel added to the order changes it even when no timestamp moves past the others).
 */
export function versionOf(timestamps: readonly Date[], parcels: number): string {
  const newest = Math.max(0, ...timestamps.map((timestamp) => timestamp.getTime()));
  return `${newest.toString(36)}.${parcels}`;
}
