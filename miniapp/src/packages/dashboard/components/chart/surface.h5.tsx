// H5: a plain HTML canvas; its CSS size is read once it is laid out (a page still entering may have no width yet).
import { useEffect, useRef } from 'react';
import type { ChartCanvasProps } from './surface';

const MAX_FRAMES = 60;

export function ChartCanvas({ canvasId, className, label, onSurface }: ChartCanvasProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    let frame = 0;
    let handle = 0;
    const measure = () => {
      const el = ref.current;
      if (!el) return;
      const { width, height } = el.getBoundingClientRect();
      if (width > 0 && height > 0) {
        onSurface({ el, width, height, pixelRatio: window.devicePixelRatio || 1 });
      } else if (frame++ < MAX_FRAMES) {
        handle = requestAnimationFrame(measure);
      }
    };
    measure();
    return () => cancelAnimationFrame(handle);
    // The surface is the canvas element: measured once per mounted canvas.
  }, [canvasId]);
  return <canvas ref={ref} id={canvasId} className={className} role="img" aria-label={label} />;
}
