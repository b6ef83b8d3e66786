/** Envelopes of GeoJSON geometries, enough for the probe to judge a bbox filter without a geometry library. */

/** [minX, minY, maxX, maxY] */
export type Envelope = readonly [number, number, number, number];

/** The envelope of any GeoJSON geometry (collections included), or null when it has no usable coordinate. */
export function envelopeOf(geometry: unknown): Envelope | null {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const visit = (node: unknown): void => {
    if (!Array.isArray(node)) return;
    const [x, y] = node as unknown[];
    if (typeof x === "number" && typeof y === "number") {
      minX = Math.min(minX, x);
      minY = Math.min(minY, y);
      maxX = Math.max(maxX, x);
      maxY = Math.max(maxY, y);
      return;
    }
    for (const child of node) visit(child);
  };
  if (geometry !== null && typeof geometry === "object") {
    const { coordinates, geometries } = geometry as { coordinates?: unknown; geometries?: unknown };
    visit(coordinates);
    if (Array.isArray(geometries)) {
      for (const child of geometries) {
        const childEnvelope = envelopeOf(child);
        if (childEnvelope) visit([childEnvelope.slice(0, 2), childEnvelope.slice(2)]);
      }
    }
  }
  return Number.isFinite(minX) ? [minX, minY, maxX, maxY] : null;
}

/**
 * Envelope intersection: necessary for geometries to intersect, so a feature whose envelope misses the bbox is
 * certainly wrongly returned (the probe never fails a server on a mere approximation). Ignores antimeridian bboxes.
 */
export function envelopesIntersect(a: Envelope, b: Envelope): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}
