// Draws the tab bar icons (81×81 PNG, grey and red) with no image tools: simple shapes, 4×4 supersampled.
// Run: npx tsx miniapp/scripts/tab-icons.ts  (writes miniapp/src/assets/tab/*.png; the files are committed)
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';

type Shape = (x: number, y: number) => boolean;
const SIZE = 81;
const SAMPLES = 4;

const rect =
  (x0: number, y0: number, x1: number, y1: number): Shape =>
  (x, y) =>
    x >= x0 && x <= x1 && y >= y0 && y <= y1;
const circle =
  (cx: number, cy: number, r: number): Shape =>
  (x, y) =>
    (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const ellipse =
  (cx: number, cy: number, rx: number, ry: number): Shape =>
  (x, y) =>
    ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1;
const triangle =
  (a: [number, number], b: [number, number], c: [number, number]): Shape =>
  (x, y) => {
    const side = (p: [number, number], q: [number, number]) =>
      (q[0] - p[0]) * (y - p[1]) - (q[1] - p[1]) * (x - p[0]);
    const s1 = side(a, b),
      s2 = side(b, c),
      s3 = side(c, a);
    return (s1 >= 0 && s2 >= 0 && s3 >= 0) || (s1 <= 0 && s2 <= 0 && s3 <= 0);
  };
const roundRect =
  (x0: number, y0: number, x1: number, y1: number, r: number): Shape =>
  (x, y) => {
    if (!rect(x0, y0, x1, y1)(x, y)) return false;
    const cx = Math.min(Math.max(x, x0 + r), x1 - r);
    const cy = Math.min(Math.max(y, y0 + r), y1 - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  };
const union =
  (...shapes: Shape[]): Shape =>
  (x, y) =>
    shapes.some((s) => s(x, y));
const minus =
  (shape: Shape, ...holes: Shape[]): Shape =>
  (x, y) =>
    shape(x, y) && !holes.some((h) => h(x, y));
const and =
  (a: Shape, b: Shape): Shape =>
  (x, y) =>
    a(x, y) && b(x, y);

const ICONS: Record<string, Shape> = {
  home: minus(
    union(triangle([0.5, 0.1], [0.06, 0.5], [0.94, 0.5]), rect(0.2, 0.45, 0.8, 0.88)),
    rect(0.42, 0.62, 0.58, 0.88),
  ),
  events: union(
    rect(0.18, 0.1, 0.25, 0.92),
    minus(rect(0.25, 0.14, 0.84, 0.54), triangle([0.84, 0.14], [0.84, 0.54], [0.7, 0.34])),
  ),
  spaces: union(
    minus(roundRect(0.12, 0.14, 0.88, 0.88, 0.08), rect(0.22, 0.24, 0.78, 0.88)),
    rect(0.3, 0.56, 0.7, 0.66),
    rect(0.3, 0.66, 0.37, 0.8),
    rect(0.63, 0.66, 0.7, 0.8),
  ),
  wall: minus(
    union(roundRect(0.08, 0.14, 0.92, 0.7, 0.14), triangle([0.26, 0.66], [0.46, 0.66], [0.22, 0.9])),
    circle(0.3, 0.42, 0.065),
    circle(0.5, 0.42, 0.065),
    circle(0.7, 0.42, 0.065),
  ),
  me: union(circle(0.5, 0.3, 0.18), and(ellipse(0.5, 0.92, 0.36, 0.4), rect(0, 0, 1, 0.9))),
};

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function png(shape: Shape, [r, g, b]: [number, number, number]): Buffer {
  const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
  for (let py = 0; py < SIZE; py++) {
    const row = py * (SIZE * 4 + 1);
    raw[row] = 0; // filter: none
    for (let px = 0; px < SIZE; px++) {
      let hits = 0;
      for (let sy = 0; sy < SAMPLES; sy++)
        for (let sx = 0; sx < SAMPLES; sx++)
          if (shape((px + (sx + 0.5) / SAMPLES) / SIZE, (py + (sy + 0.5) / SAMPLES) / SIZE)) hits++;
      const i = row + 1 + px * 4;
      raw[i] = r;
      raw[i + 1] = g;
      raw[i + 2] = b;
      raw[i + 3] = Math.round((hits / (SAMPLES * SAMPLES)) * 255);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const outDir = path.join(__dirname, '..', 'src', 'assets', 'tab');
for (const [name, shape] of Object.entries(ICONS)) {
  writeFileSync(path.join(outDir, `${name}.png`), png(shape, [0x8a, 0x8a, 0x8a]));
  writeFileSync(path.join(outDir, `${name}-active.png`), png(shape, [0xc8, 0x16, 0x1d]));
}
process.stdout.write(`wrote ${Object.keys(ICONS).length * 2} icons to ${outDir}\n`);
