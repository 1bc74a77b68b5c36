import type { CountryIndicatorView } from '@ctip/domain';
import { type ReactElement, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

/** Line options: progress markers against actuals per year, the baseline as a dashed line. */
export function indicatorChartOptions(
  s: CountryIndicatorView,
  labels: { marker: string; actual: string; baseline: string; year: (y: number) => string },
) {
  return {
    aria: { enabled: true },
    tooltip: { trigger: 'axis' as const },
    legend: { top: 0 },
    grid: { left: 44, right: 12, top: 32, bottom: 24 },
    xAxis: { type: 'category' as const, data: s.years.map((y) => labels.year(y.year)) },
    yAxis: { type: 'value' as const },
    series: [
      {
        name: labels.marker,
        type: 'line' as const,
        data: s.years.map((y) => y.markerValue),
        lineStyle: { type: 'dashed' as const },
        connectNulls: true,
      },
      {
        name: labels.actual,
        type: 'line' as const,
        data: s.years.map((y) => y.actualValue),
        connectNulls: false,
      },
      ...(s.baselineValue === null
        ? []
        : [
            {
              name: labels.baseline,
              type: 'line' as const,
              data: s.years.map(() => s.baselineValue),
              symbol: 'none',
              lineStyle: { type: 'dotted' as const, width: 1 },
            },
          ]),
    ],
  };
}

/** A small ECharts line of one country indicator (loaded on demand; the table shows the same). */
export function IndicatorChart({
  selection,
  yearLabel,
}: {
  selection: CountryIndicatorView;
  yearLabel: (y: number) => string;
}): ReactElement {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let disposed = false;
    let chart: { setOption: (o: unknown) => void; dispose: () => void } | null = null;
    void import('./echarts-setup').then(
      ({ echarts }) => {
        if (disposed || !ref.current) {
          return;
        }
        chart = echarts.init(ref.current, undefined, { renderer: 'svg' });
        chart.setOption(
          indicatorChartOptions(selection, {
            marker: t('plansIndicators.marker'),
            actual: t('plansIndicators.actual'),
            baseline: t('plansIndicators.baseline'),
            year: yearLabel,
          }),
        );
      },
      () => {},
    );
    return () => {
      disposed = true;
      chart?.dispose();
    };
  }, [selection, t, yearLabel]);
  return (
    <div ref={ref} style={{ height: 180 }} aria-label={t('plansIndicators.chart')} role="img" />
  );
}
