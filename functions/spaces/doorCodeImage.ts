// Printable door codes: an SVG with the space's name under the code (text prints sharply at any size), or a PNG
// of the code alone, both made with the `qrcode` package.
import QRCode from 'qrcode';

const MODULE = 8; // px per module in the SVG's user units
const QUIET = 4; // modules of quiet zone around the code (the QR standard's minimum)

function escapeXml(text: string): string {
  return text.replace(
    /[<>&'"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!,
  );
}

/** SVG of `content` with `caption` centred under it (and `subcaption` in smaller type, e.g. the address). */
export function doorCodeSvg(content: string, caption: string, subcaption = ''): string {
  const { modules } = QRCode.create(content, { errorCorrectionLevel: 'M' });
  const size = modules.size;
  let path = '';
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if (modules.get(x, y))
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

/** PNG of the code alone, large enough to print (8 px per module: ~40 mm wide at 300 dpi). */
export function doorCodePng(content: string): Promise<Buffer> {
  return QRCode.toBuffer(content, { errorCorrectionLevel: 'M', margin: QUIET, scale: 8, type: 'png' });
}
