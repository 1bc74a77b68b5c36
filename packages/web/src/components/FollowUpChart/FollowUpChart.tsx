import { type ReactElement, useEffect, useRef } from 'react';

/** A bar chart series as the report draws it. */
export type FollowUpChartProps = {
  /** Accessible name; the same numbers are in the table next to the chart. */
  label: string;
  categories: string[];
  values: number[];
  max?: number;
  color?: string;
  'data-testid'?: string;
};

/** A bar chart with Apache ECharts, loaded on demand (its own chunk). */
export function FollowUpChart({
  label,
  categories,
  values,
  max,
  color = '#228be6',
  'data-testid': testId,
}: FollowUpChartProps): ReactElement {
  const ref = useRef<HTMLDivElement | null>(null);
  useEffect(() => {
    let disposed = false;
    let chart: { dispose: () => void; resize: () => void } | null = null;
    const onResize = () => chart?.resize();
    void import('echarts')
      .then((echarts) => {
        if (disposed || !ref.current) {
          return;
        }
        const c = echarts.init(ref.current, undefined, { renderer: 'svg' });
        c.setOption({
          aria: { enabled: true },
          grid: { left: 40, right: 16, top: 16, bottom: 64 },
          tooltip: { trigger: 'axis' },
          xAxis: { type: 'category', data: categories, axisLabel: { rotate: 30, interval: 0 } },
          yAxis: { type: 'value', max, minInterval: 1 },
          series: [{ type: 'bar', data: values, itemStyle: { color } }],
        });
        chart = c;
        window.addEventListener('resize', onResize);
      })
      .catch(() => {
        // The table beside the chart holds the same numbers; a chart that fails to load is not fatal.
      });
    return () => {
      disposed = true;
      window.removeEventListener('resize', onResize);
      chart?.dispose();
    };
  }, [categories, values, max, color]);
  return (
    <div
      ref={ref}
      role="img"
      aria-label={label}
      style={{ width: '100%', height: 280 }}
      data-testid={testId}
    />
  );
}
