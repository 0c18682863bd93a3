// The door-code images are drawn by our own code from the QR encoder's modules: the PNG must be a valid PNG whose
// pixels are exactly the code (in the right orientation: a transposed code is a mirror image), and the SVG must put
// each dark module at x = column, y = row.
import { inflateSync, crc32 } from 'node:zlib';
import QRCode from 'qrcode';
import { doorCodePng, doorCodeSvg } from '../../functions/spaces/doorCodeImage';

const CONTENT = 'https://rc.example/packages/spaces/pages/checkin/index?spaceId=S1&token=abc.def';

/** The reference: the package's own matrix, read as its renderers read it (get(row, col)). */
function reference(content: string): boolean[][] {
  const { modules } = QRCode.create(content, { errorCorrectionLevel: 'M' });
  return Array.from({ length: modules.size }, (_, r) =>
    Array.from({ length: modules.size }, (_, c) => Boolean(modules.get(r, c))),
  );
}

function decodePng(png: Buffer): { width: number; height: number; pixel(x: number, y: number): number } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let offset = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  const types: string[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    expect(png.readUInt32BE(offset + 8 + length)).toBe(crc32(png.subarray(offset + 4, offset + 8 + length)));
    types.push(type);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect([...data.subarray(8)]).toEqual([8, 0, 0, 0, 0]);
    }
    if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
  }
  expect(types[0]).toBe('IHDR');
  expect(types[types.length - 1]).toBe('IEND');
  const raw = inflateSync(Buffer.concat(idat));
  expect(raw.length).toBe(height * (width + 1));
  for (let y = 0; y < height; y++) expect(raw[y * (width + 1)]).toBe(0);
  return { width, height, pixel: (x, y) => raw[y * (width + 1) + 1 + x] };
}

describe('door-code PNG', () => {
  it('is a valid PNG whose pixels are the code, 8 px per module, with a 4-module quiet zone', () => {
    const modules = reference(CONTENT);
    const size = modules.length;
    const png = decodePng(doorCodePng(CONTENT));
    expect(png.width).toBe((size + 8) * 8);
    expect(png.height).toBe(png.width);
    for (let y = 0; y < png.height; y++) {
      for (let x = 0; x < png.width; x++) {
        const row = Math.floor(y / 8) - 4;
        const col = Math.floor(x / 8) - 4;
        const dark = row >= 0 && row < size && col >= 0 && col < size && modules[row][col];
        if (png.pixel(x, y) !== (dark ? 0 : 255)) throw new Error(`pixel (${x}, ${y}) is ${png.pixel(x, y)}`);
      }
    }
    // Orientation: the dark module sits at (row size − 8, column 8), left of the bottom-left finder, never mirrored.
    expect(png.pixel((8 + 4) * 8 + 4, (size - 8 + 4) * 8 + 4)).toBe(0);
  });
});

describe('door-code SVG', () => {
  it('draws one square per dark module at x = column, y = row, and the caption escaped', () => {
    const modules = reference(CONTENT);
    const svg = doorCodeSvg(CONTENT, '中心<一层>', '环翠楼 1 号');
    const d = /<path fill="#000000" d="([^"]*)"/.exec(svg)![1];
    const drawn = new Set(
      [...d.matchAll(/M(\d+) (\d+)h8v8h-8z/g)].map((m) => `${+m[2] / 8 - 4},${+m[1] / 8 - 4}`),
    );
    const expected = new Set<string>();
    modules.forEach((cols, r) => cols.forEach((dark, c) => dark && expected.add(`${r},${c}`)));
    expect(drawn).toEqual(expected);
    expect(svg).toContain('>中心&lt;一层&gt;</text>');
    expect(svg).toContain('>环翠楼 1 号</text>');
  });
});
