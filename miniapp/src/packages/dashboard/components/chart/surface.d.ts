// Implemented per platform: surface.weapp.tsx (a Taro <Canvas type="2d">, its node found with a selector query and
// sized for the phone's pixel ratio) and surface.h5.tsx (an HTML <canvas>). Both hand the chart a ChartSurface once
// the canvas has a size on screen.
import type { ReactElement } from 'react';

/** What F2 needs to draw: a 2D context (weapp) or the canvas element (H5), its CSS size and the pixel ratio. */
export interface ChartSurface {
  context?: CanvasRenderingContext2D;
  el?: HTMLElement;
  width: number;
  height: number;
  pixelRatio: number;
}

export interface ChartCanvasProps {
  canvasId: string;
  className: string;
  /** Read by assistive technology (H5); the figures are also written out beside the chart. */
  label: string;
  onSurface: (surface: ChartSurface) => void;
}

export declare function ChartCanvas(props: ChartCanvasProps): ReactElement;
