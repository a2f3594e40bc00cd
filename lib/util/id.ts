/**
 * Record ids: random RFC 4122 version 4 UUIDs made from `crypto.getRandomValues`, which
 * every page context has. `crypto.randomUUID` exists only in secure contexts, so the
 * overlay on a plain-http site (anything but localhost) could not make an id with it.
 */

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** A new random id (a version 4 UUID), in any context, secure or not. */
export function newId(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40; // version 4
  b[8] = (b[8] & 0x3f) | 0x80; // variant 10xx
  const h = Array.from(b, (x) => HEX[x]);
  return `${h[0]}${h[1]}${h[2]}${h[3]}-${h[4]}${h[5]}-${h[6]}${h[7]}-${h[8]}${h[9]}-${h[10]}${h[11]}${h[12]}${h[13]}${h[14]}${h[15]}`;
}
