/**
 * A small React wrapper around ECharts (only the bar and line charts and the grid, legend and
 * tooltip components are registered, to keep the bundle small): init on mount, setOption on
 * change, resize with the container, dispose on unmount. The canvas is labelled, and `children`
 * is its text alternative (a visually hidden table), since screen readers and tests cannot read
 * a canvas.
 */
import { BarChart, LineChart, type BarSeriesOption, type LineSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  TooltipComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef, type ReactNode } from 'react';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type ChartOption = echarts.ComposeOption<
  BarSeriesOption | LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>;

/** What was clicked: the series (by index) and the category (by index). */
export interface ChartClick {
  seriesIndex: number;
  dataIndex: number;
}

export function Chart(props: {
  option: ChartOption;
  /** Names the chart for assistive technology. */
  label: string;
  height: number;
  onClick?: ((c: ChartClick) => void) | undefined;
  /** The text alternative, rendered visually hidden after the canvas. */
  children?: ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const onClick = useRef(props.onClick);
  useEffect(() => {
    onClick.current = props.onClick;
  });

  useEffect(() => {
    const el = ref.current!;
    const c = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.current = c;
    c.on('click', (p) => {
      if (typeof p.seriesIndex === 'number' && typeof p.dataIndex === 'number') {
        onClick.current?.({ seriesIndex: p.seriesIndex, dataIndex: p.dataIndex });
      }
    });
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(props.option, { notMerge: true });
  }, [props.option]);

  return (
    <figure className="cbd-chart">
      <div ref={ref} role="img" aria-label={props.label} style={{ height: props.height, width: '100%' }} />
      {props.children && <figcaption className="cbd-sr-only">{props.children}</figcaption>}
    </figure>
  );
}
