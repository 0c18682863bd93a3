// Printable door codes: an SVG with the space's name under the code (text prints sharply at any size), or a PNG
// of the code alone. The modules come from the `qrcode` package's encoder; both images are drawn here (the PNG with
// node:zlib), so the functions do not carry the package's renderers and pngjs.
import { crc32, deflateSync } from 'node:zlib';
import { create } from 'qrcode/lib/core/qrcode';

const MODULE = 8; // px per module in the SVG's user units
const QUIET = 4; // modules of quiet zone around the code (the QR standard's minimum)

function escapeXml(text: string): string {
  return text.replace(
    /[<>&'"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!,
  );
}

/** SVG of `content` with `caption` centred under it (and `subcaption` in smaller type, e.g. the address). */
/** The code's modules as rows (true = dark): `rows[y][x]`. */
export function qrModules(content: string): boolean[][] {
  const { modules } = create(content, { errorCorrectionLevel: 'M' });
  return Array.from({ length: modules.size }, (_, row) =>
    Array.from({ length: modules.size }, (_, col) => Boolean(modules.get(row, col))),
  );
}

export function doorCodeSvg(content: string, caption: string, subcaption = ''): string {
  const rows = qrModules(content);
  const size = rows.length;
  let path = '';
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if (rows[y][x])
        path += `M${(x + QUIET) * MODULE} ${(y + QUIET) * MODULE}h${MODULE}v${MODULE}h-${MODULE}z`;
    }
  }
  const width = (size + QUIET * 2) * MODULE;
  const captionSize = Math.round(width / 14);
  const subSize = Math.round(captionSize * 0.6);
  const height = width + captionSize * 2 + (subcaption ? subSize * 2 : 0);
  const font = `font-family="'Noto Sans CJK SC','PingFang SC','Microsoft YaHei',sans-serif"`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<path fill="#000000" d="${path}"/>`,
    `<text x="${width / 2}" y="${width + captionSize * 0.6}" text-anchor="middle" font-size="${captionSize}" ${font} fill="#000000">${escapeXml(caption)}</text>`,
    subcaption
      ? `<text x="${width / 2}" y="${width + captionSize * 1.3 + subSize}" text-anchor="middle" font-size="${subSize}" ${font} fill="#555555">${escapeXml(subcaption)}</text>`
      : '',
    `</svg>`,
  ].join('');
}

/** PNG of the code alone, large enough to print (8 px per module: ~40 mm wide at 300 dpi); 8-bit greyscale. */
export function doorCodePng(content: string, scale = 8): Buffer {
  const rows = qrModules(content);
  const side = (rows.length + QUIET * 2) * scale;
  // Each scanline: filter byte 0 (none), then one byte per pixel, 0 = black, 255 = white.
  const raw = Buffer.alloc(side * (side + 1), 255);
  for (let py = 0; py < side; py++) {
    raw[py * (side + 1)] = 0;
    const y = Math.floor(py / scale) - QUIET;
    if (y < 0 || y >= rows.length) continue;
    for (let px = 0; px < side; px++) {
      const x = Math.floor(px / scale) - QUIET;
      if (x >= 0 && x < rows.length && rows[y][x]) raw[py * (side + 1) + 1 + px] = 0;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // colour type: greyscale (compression, filter and interlace stay 0)
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(raw)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}
