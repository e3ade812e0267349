// Draws images/icon.png (128×128, RGBA): a blue shield with a white check mark.
// Run `node images/icon.mjs` after changing it; no dependencies beyond Node.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 128;
const SAMPLES = 4; // per axis, for anti-aliased edges
const SHIELD = [0x32, 0x6c, 0xe5]; // Kubernetes blue
const RIM = [0x1f, 0x4b, 0xb0];
const CHECK = [0xff, 0xff, 0xff];

/** The shield's top edge at x: flat, with a shallow dip in the middle. */
const top = (x) => 12 + 4 * Math.cos(((x - 64) / 52) * (Math.PI / 2)) ** 2;

/** Half the shield's width at height y: straight sides, then a curve into the point at y = 118. */
function halfWidth(y) {
  if (y <= 62) return 52;
  const t = Math.min(1, (y - 62) / 56);
  return 52 * Math.sqrt(1 - t * t) * (1 - 0.25 * t);
}

/** Inside the shield shrunk by `inset` pixels (the inset leaves the darker rim). */
function inShield(x, y, inset) {
  return y >= top(x) + inset && y <= 118 - inset * 1.6 && Math.abs(x - 64) <= halfWidth(y) - inset;
}

function segmentDistance(px, py, [ax, ay], [bx, by]) {
  const dx = bx - ax, dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

const check = [[40, 64], [57, 81], [89, 45]];
function inCheck(x, y) {
  return Math.min(segmentDistance(x, y, check[0], check[1]), segmentDistance(x, y, check[1], check[2])) <= 7.5;
}

const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) {
  raw[y * (SIZE * 4 + 1)] = 0; // filter: none
  for (let x = 0; x < SIZE; x++) {
    const acc = [0, 0, 0, 0];
    for (let sy = 0; sy < SAMPLES; sy++) {
      for (let sx = 0; sx < SAMPLES; sx++) {
        const px = x + (sx + 0.5) / SAMPLES, py = y + (sy + 0.5) / SAMPLES;
        if (!inShield(px, py, 0)) continue;
        const color = inCheck(px, py) ? CHECK : inShield(px, py, 6) ? SHIELD : RIM;
        for (let c = 0; c < 3; c++) acc[c] += color[c];
        acc[3] += 1;
      }
    }
    const o = y * (SIZE * 4 + 1) + 1 + x * 4;
    const n = acc[3];
    raw[o] = n ? Math.round(acc[0] / n) : 0;
    raw[o + 1] = n ? Math.round(acc[1] / n) : 0;
    raw[o + 2] = n ? Math.round(acc[2] / n) : 0;
    raw[o + 3] = Math.round((255 * n) / (SAMPLES * SAMPLES));
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(new URL('./icon.png', import.meta.url), png);
console.log(`images/icon.png: ${png.length} bytes`);
