// WeChat: a same-layer <Canvas type="2d">. Its node is found with a selector query after the render; the backing
// store is sized for the phone's pixel ratio (F2 scales the context, the node's width/height are ours to set).
// WeChat has no accessible name for a canvas: the figures written beneath the chart are its text alternative.
import { Canvas } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect } from 'react';
import type { ChartCanvasProps } from './surface';

const MAX_TRIES = 10;

interface CanvasNode {
  width: number;
  height: number;
  getContext: (kind: '2d') => CanvasRenderingContext2D;
}

function pixelRatio(): number {
  return typeof Taro.getWindowInfo === 'function'
    ? Taro.getWindowInfo().pixelRatio
    : Taro.getSystemInfoSync().pixelRatio;
}

export function ChartCanvas({ canvasId, className, onSurface }: ChartCanvasProps) {
  useEffect(() => {
    let cancelled = false;
    let tries = 0;
    const find = () =>
      Taro.createSelectorQuery()
        .select(`#${canvasId}`)
        .fields({ node: true, size: true })
        .exec((res: Array<{ node?: CanvasNode; width: number; height: number } | null>) => {
          if (cancelled) return;
          const hit = res?.[0];
          if (!hit?.node || !hit.width) {
            if (tries++ < MAX_TRIES) setTimeout(find, 50);
            return;
          }
          const ratio = pixelRatio();
          hit.node.width = Math.round(hit.width * ratio);
          hit.node.height = Math.round(hit.height * ratio);
          onSurface({
            context: hit.node.getContext('2d'),
            width: hit.width,
            height: hit.height,
            pixelRatio: ratio,
          });
        });
    Taro.nextTick(find);
    return () => {
      cancelled = true;
    };
    // The surface is the canvas node: found once per mounted canvas.
  }, [canvasId]);
  return <Canvas type="2d" id={canvasId} className={className} />;
}
