// The `qrcode` package's encoder alone (its main entry also loads the PNG, terminal and SVG renderers and pngjs,
// which tripled the door-code functions' bundles). BitMatrix.get takes (row, col).
declare module 'qrcode/lib/core/qrcode' {
  export function create(
    text: string,
    options: { errorCorrectionLevel: 'L' | 'M' | 'Q' | 'H' },
  ): { modules: { size: number; get(row: number, col: number): number | boolean } };
}
