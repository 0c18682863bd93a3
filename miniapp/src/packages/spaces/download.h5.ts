// H5: the browser downloads the SVG as is, and a PNG drawn from it on a canvas (so the name is in the PNG too).
function trigger(href: string, fileName: string): void {
  const link = document.createElement('a');
  link.href = href;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
}

async function svgToPng(svg: string): Promise<Blob> {
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await image.decode();
  const scale = 2; // print-friendly resolution
  const canvas = document.createElement('canvas');
  canvas.width = image.naturalWidth * scale;
  canvas.height = image.naturalHeight * scale;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('canvas unavailable');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG failed'))), 'image/png'),
  );
}

export async function saveDoorCode(
  kind: 'svg' | 'png',
  code: { svg: string; spaceId: string; fileName: string },
): Promise<void> {
  const blob = kind === 'svg' ? new Blob([code.svg], { type: 'image/svg+xml' }) : await svgToPng(code.svg);
  const url = URL.createObjectURL(blob);
  trigger(url, `${code.fileName}.${kind}`);
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
