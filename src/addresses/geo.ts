// Great-circle distance for "nearest trusted address". Straight-line km, not road distance:
// in the mountains a road trip is longer, so answers say "khoảng … km (đường chim bay)".
const EARTH_RADIUS_KM = 6371.0088;
const rad = (deg: number) => (deg * Math.PI) / 180;

export function haversineKm(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const dLat = rad(lat2 - lat1);
  const dLng = rad(lng2 - lng1);
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** Vietnam's bounding box including the offshore islands: a point outside is a typo (swapped lat/lng, missing digit). */
export const VIETNAM_BOUNDS = { latMin: 8.0, latMax: 23.5, lngMin: 102.0, lngMax: 117.5 } as const;
