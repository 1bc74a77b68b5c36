import { HOTLINE_CATEGORIES, type HotlineStats, hotlineStatsPivot } from '@ctip/domain';
import { Loader } from '@mantine/core';
import { type ReactElement, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

const COLORS: Record<string, string> = {
  LabourRights: '#1c7ed6',
  Trafficking: '#e03131',
  Information: '#2f9e44',
  Other: '#868e96',
};

/** The chart options: one stacked bar series per category, months on the x axis. */
export function categoryChartOptions(
  stats: HotlineStats,
  labelOf: (category: string) => string,
  monthLabel: (month: string) => string,
) {
  const rows = hotlineStatsPivot(stats.months, stats.byCategory, HOTLINE_CATEGORIES);
  return {
    aria: { enabled: true },
    tooltip: { trigger: 'axis' as const },
    legend: { top: 0 },
    grid: { left: 40, right: 16, top: 40, bottom: 32 },
    xAxis: { type: 'category' as const, data: stats.months.map(monthLabel) },
    yAxis: { type: 'value' as const, minInterval: 1 },
    series: HOTLINE_CATEGORIES.map((category) => ({
      name: labelOf(category),
      type: 'bar' as const,
      stack: 'calls',
      itemStyle: { color: COLORS[category] },
      data: rows.map((r) => r.counts[category] ?? 0),
    })),
  };
}

/** Stacked bar chart of calls per month by category (ECharts, lazy-loaded). */
export function HotlineStatsChart({
  stats,
  monthLabel,
}: {
  stats: HotlineStats;
  monthLabel: (month: string) => string;
}): ReactElement {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    let disposed = false;
    let chart: { setOption: (o: unknown) => void; dispose: () => void; resize: () => void } | null =
      null;
    const onResize = () => chart?.resize();
    void import('./echarts-setup').then(
      ({ echarts }) => {
        if (disposed || !ref.current) {
          return;
        }
        chart = echarts.init(ref.current, undefined, { renderer: 'svg' });
        chart.setOption(categoryChartOptions(stats, (c) => t(`hotline.category.${c}`), monthLabel));
        setReady(true);
        globalThis.addEventListener?.('resize', onResize);
      },
      () => {
        // The table below shows the same figures; a chart that cannot load is not an error.
        setReady(true);
      },
    );
    return () => {
      disposed = true;
      globalThis.removeEventListener?.('resize', onResize);
      chart?.dispose();
    };
  }, [stats, t, monthLabel]);

  return (
    <div>
      {ready ? null : <Loader size="sm" aria-label={t('hotline.stats.loadingChart')} />}
      <div
        ref={ref}
        role="img"
        aria-label={t('hotline.stats.chartLabel')}
        style={{ width: '100%', height: 320 }}
        data-testid="hotline-chart"
      />
    </div>
  );
}
