// A fake camera for Chromium (--use-file-for-fake-video-capture): one Y4M frame (4:2:0, 640×480) showing a QR code
// of the given text, drawn from the same encoder the app uses, so an in-page scanner reads it like a phone's camera.
import { writeFileSync } from 'node:fs';
import QRCode from 'qrcode';

const WIDTH = 640;
const HEIGHT = 480;

/** A frame with a QR code of `text`, or an empty white frame for null (the camera sees no code). */
export function writeQrCameraFrame(file: string, text: string | null): void {
  const modules = text === null ? null : QRCode.create(text, { errorCorrectionLevel: 'M' }).modules;
  const size = modules?.size ?? 0;
  const scale = Math.floor(400 / (size + 8)); // the code with a 4-module quiet zone on each side, about 400 px
  const left = Math.floor((WIDTH - size * scale) / 2);
  const top = Math.floor((HEIGHT - size * scale) / 2);
  const y = Buffer.alloc(WIDTH * HEIGHT, 235); // white
  for (let row = 0; row < size; row++)
    for (let col = 0; col < size; col++) {
      if (!modules!.get(row, col)) continue;
      for (let dy = 0; dy < scale; dy++)
        y.fill(
          16,
          (top + row * scale + dy) * WIDTH + left + col * scale,
          (top + row * scale + dy) * WIDTH + left + (col + 1) * scale,
        );
    }
  const chroma = Buffer.alloc((WIDTH / 2) * (HEIGHT / 2) * 2, 128); // U and V planes: no colour
  const header = Buffer.from(`YUV4MPEG2 W${WIDTH} H${HEIGHT} F10:1 Ip A1:1 C420jpeg\nFRAME\n`, 'ascii');
  writeFileSync(file, Buffer.concat([header, y, chroma]));
}
