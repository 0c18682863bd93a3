// One chart of the dashboard: a card with its title and unit, the F2 chart on a canvas (Taro <Canvas type="2d"> on
// WeChat, an HTML canvas on H5), a "drawing" state until the first paint, an empty state when the range has no
// figures, and the figures written out beneath (the chart's text alternative).
import { View } from '@tarojs/components';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { createChart, type F2Chart } from './f2';
import { ChartCanvas, type ChartSurface } from './surface';

export interface ChartCardProps {
  id: string;
  title: string;
  unit: string;
  /** Nothing to draw in this range: the card says so instead of showing empty axes. */
  empty: boolean;
  /** Canvas height: `tall` for charts with a legend, `short` for a few bars. */
  size: 'tall' | 'medium' | 'short';
  /** Changes when the figures change; the chart is redrawn then (draw itself may be a new function each render). */
  dataKey: string;
  draw: (chart: F2Chart) => void;
  /** The figures as text, read by screen readers and by anyone who prefers numbers. */
  children: ReactNode;
}

export function ChartCard({ id, title, unit, empty, size, dataKey, draw, children }: ChartCardProps) {
  const [surface, setSurface] = useState<ChartSurface | null>(null);
  const [drawn, setDrawn] = useState(false);
  const drawRef = useRef(draw);
  drawRef.current = draw;

  useEffect(() => {
    if (!surface || empty) return undefined;
    const chart = createChart(surface);
    drawRef.current(chart);
    chart.render();
    setDrawn(true);
    return () => chart.destroy();
  }, [surface, empty, dataKey]);

  useEffect(() => {
    if (!empty) return;
    // The canvas unmounts; a new one is measured (and drawn) when there are figures again.
    setSurface(null);
    setDrawn(false);
  }, [empty]);

  return (
    <View className="rc-card rc-dashboard-chart" id={`rc-dashboard-chart-${id}`}>
      <View className="rc-dashboard-chart__head">
        <View className="rc-dashboard-chart__title">{title}</View>
        <View className="rc-dashboard-chart__unit">单位：{unit}</View>
      </View>
      {empty ? (
        <View className="rc-dashboard-chart__empty">所选时段暂无数据</View>
      ) : (
        <View className={`rc-dashboard-chart__frame rc-dashboard-chart__frame--${size}`}>
          <ChartCanvas
            canvasId={`rc-dashboard-canvas-${id}`}
            className="rc-dashboard-chart__canvas"
            label={title}
            onSurface={setSurface}
          />
          {!drawn && <View className="rc-dashboard-chart__drawing">图表绘制中…</View>}
        </View>
      )}
      <View className="rc-dashboard-chart__figures">{children}</View>
    </View>
  );
}
