// The modules of a QR code as rows of booleans (true = dark), from the `qrcode` package. Pages draw them with views
// (no canvas), so H5 and WeChat render the same code.
import { create } from 'qrcode';

export function qrMatrix(text: string): boolean[][] {
  const { modules } = create(text, { errorCorrectionLevel: 'M' });
  const rows: boolean[][] = [];
  for (let r = 0; r < modules.size; r++) {
    const row: boolean[] = [];
    for (let c = 0; c < modules.size; c++) row.push(Boolean(modules.get(r, c)));
    rows.push(row);
  }
  return rows;
}
