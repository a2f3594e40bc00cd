/**
 * Draws the extension's icon (public/icon/<size>.png, which WXT lists in both manifests): a
 * navy rounded square with three lines of text, the middle one highlighted in yellow, as
 * the product highlights a passage. Drawn here, without an image library: `npx tsx scripts/icons.ts`.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

type RGBA = [number, number, number, number];
const NAVY: RGBA = [30, 58, 138, 255];
const WHITE: RGBA = [255, 255, 255, 255];
const YELLOW: RGBA = [250, 204, 21, 255];

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** The icon at `n` px, 4x supersampled for smooth edges. */
function draw(n: number): Buffer {
  const S = 4;
  const rows: Buffer[] = [];
  // Shapes in a 0..1 square.
  const r = 0.2;
  const inSquare = (x: number, y: number) => {
    const cx = Math.min(Math.max(x, r), 1 - r);
    const cy = Math.min(Math.max(y, r), 1 - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  };
  const bar = (x: number, y: number, x0: number, x1: number, y0: number, h: number) => x >= x0 && x <= x1 && y >= y0 && y <= y0 + h;
  for (let py = 0; py < n; py++) {
    const row = Buffer.alloc(1 + n * 4);
    for (let px = 0; px < n; px++) {
      const acc = [0, 0, 0, 0];
      for (let sy = 0; sy < S; sy++) for (let sx = 0; sx < S; sx++) {
        const x = (px + (sx + 0.5) / S) / n;
        const y = (py + (sy + 0.5) / S) / n;
        let c: RGBA = [0, 0, 0, 0];
        if (inSquare(x, y)) {
          c = NAVY;
          if (bar(x, y, 0.16, 0.84, 0.4, 0.2)) c = YELLOW;
          else if (bar(x, y, 0.22, 0.78, 0.22, 0.08) || bar(x, y, 0.22, 0.62, 0.7, 0.08)) c = WHITE;
          if (bar(x, y, 0.22, 0.78, 0.46, 0.08)) c = NAVY;
        }
        for (let i = 0; i < 4; i++) acc[i] += c[i] * (i < 3 ? c[3] / 255 : 1);
      }
      const a = acc[3] / (S * S);
      const o = 1 + px * 4;
      for (let i = 0; i < 3; i++) row[o + i] = a ? Math.round(acc[i] / (S * S) / (a / 255)) : 0;
      row[o + 3] = Math.round(a);
    }
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(n, 0);
  ihdr.writeUInt32BE(n, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}

const dir = join(import.meta.dirname, '..', 'public', 'icon');
mkdirSync(dir, { recursive: true });
for (const size of [16, 32, 48, 96, 128]) writeFileSync(join(dir, `${size}.png`), draw(size));
console.log(`icons written to ${dir}`);
