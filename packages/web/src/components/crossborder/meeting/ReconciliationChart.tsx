import type { Reconciliation } from '@ctip/domain';
import { type ReactElement, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

/** Bar options: sent and received side by side per sex × age group. */
export function reconciliationChartOptions(
  r: Reconciliation,
  labels: { sent: string; received: string; cell: (sex: string, age: string) => string },
) {
  return {
    aria: { enabled: true },
    tooltip: { trigger: 'axis' as const },
    legend: { top: 0 },
    grid: { left: 40, right: 16, top: 40, bottom: 32 },
    xAxis: { type: 'category' as const, data: r.cells.map((c) => labels.cell(c.sex, c.ageGroup)) },
    yAxis: { type: 'value' as const, minInterval: 1 },
    series: [
      { name: labels.sent, type: 'bar' as const, data: r.cells.map((c) => c.sent) },
      { name: labels.received, type: 'bar' as const, data: r.cells.map((c) => c.received) },
    ],
  };
}

/** Sent against received per sex × age group (ECharts, loaded on demand; the table shows the same). */
export function ReconciliationChart({ data }: { data: Reconciliation }): ReactElement {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let disposed = false;
    let chart: { setOption: (o: unknown) => void; dispose: () => void } | null = null;
    void import('../../HotlineStats/echarts-setup').then(
      ({ echarts }) => {
        if (disposed || !ref.current) {
          return;
        }
        chart = echarts.init(ref.current, undefined, { renderer: 'svg' });
        chart.setOption(
          reconciliationChartOptions(data, {
            sent: t('reconciliation.sent'),
            received: t('reconciliation.received'),
            cell: (sex, age) =>
              `${t(`reconciliation.sex.${sex}`, { defaultValue: sex })} · ${t(`reconciliation.age.${age}`, { defaultValue: age })}`,
          }),
        );
      },
      () => {},
    );
    return () => {
      disposed = true;
      chart?.dispose();
    };
  }, [data, t]);
  return (
    <div ref={ref} style={{ height: 260 }} aria-label={t('reconciliation.chart')} role="img" />
  );
}
