// AntV F2 3.x, imported piece by piece: the core, interval (columns, bars) and polygon (heat map) geometries, the
// stack adjust, legends and guide text. No animation, no tooltip, no gestures: the charts are read, not explored.
import { Chart } from '@antv/f2/es/core';
import '@antv/f2/es/geom/interval';
import '@antv/f2/es/geom/polygon';
import '@antv/f2/es/geom/adjust/stack';
import '@antv/f2/es/component/guide/text';
import Guide from '@antv/f2/es/plugin/guide';
import Legend from '@antv/f2/es/plugin/legend';
import type { ChartSurface } from './surface';

export type F2Chart = InstanceType<typeof Chart>;

/** Text on a phone (375 px wide): axis labels and legends at 11–12 px, grey on white. */
export const TEXT = { fontSize: 11, fill: '#5a5a5a' };
export const GRID = { stroke: '#eee6df', lineWidth: 1 };

/**
 * A value axis for counts: whole numbers only (no "0.4 张"), at most about five ticks, and room above the largest
 * value for its label.
 */
export function countScale(max: number): { min: number; max: number; tickInterval: number; nice: false } {
  const step = Math.max(1, Math.ceil(max / 4));
  // nice: false, or F2 (which ignores a min of 0 as "not given") widens the axis to its default five ticks.
  return { min: 0, max: step * (Math.floor(max / step) + 1), tickInterval: step, nice: false };
}

/** A new chart on the surface. A 2D context (weapp) keeps its transform across charts: reset it, F2 scales it. */
export function createChart(surface: ChartSurface): F2Chart {
  surface.context?.setTransform(1, 0, 0, 1, 0, 0);
  return new Chart({
    ...surface,
    padding: 'auto',
    appendPadding: [12, 12, 8, 8],
    plugins: [Legend, Guide],
  });
}
