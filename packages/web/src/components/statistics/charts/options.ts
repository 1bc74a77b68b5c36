import type { ChartData } from '../shared/table-model';
import { CHART_FONT_FAMILY } from './font';

export type AxisChartOptions = {
  kind: 'bar' | 'line';
  /** Stack the series (a breakdown that adds up, such as sex). */
  stack?: boolean;
  /** Translated axis names. */
  categoryName: string;
  valueName: string;
  /** Numbers in the user's language. */
  format: (value: number) => string;
  /** Shown in the tooltip for a category without a number (missing or suppressed). */
  noNumber: string;
};

/** The shared look: the app's fonts, accessible description, white background for PNG. */
export function baseOptions() {
  return {
    aria: { enabled: true },
    backgroundColor: '#ffffff',
    textStyle: { fontFamily: CHART_FONT_FAMILY },
    animation: false,
  };
}

/**
 * A bar or line chart of chart data: categories on x, one series per line/bar group.
 * ### Example
 * `axisChartOptions({categories:['2024'], categoryCodes:['2024'], series:[{key:'TH', name:'Thailand', values:[5]}]}, …)`
 * gives one bar series "Thailand" with data [5].
 */
export function axisChartOptions(data: ChartData, o: AxisChartOptions) {
  return {
    ...baseOptions(),
    tooltip: {
      trigger: 'axis' as const,
      valueFormatter: (v: unknown) => (typeof v === 'number' ? o.format(v) : o.noNumber),
    },
    legend: { top: 0, type: 'scroll' as const },
    grid: { left: 56, right: 24, top: 48, bottom: 48, containLabel: true },
    xAxis: {
      type: 'category' as const,
      name: o.categoryName,
      nameLocation: 'middle' as const,
      nameGap: 32,
      data: data.categories,
    },
    yAxis: {
      type: 'value' as const,
      name: o.valueName,
      minInterval: 1,
      axisLabel: { formatter: (v: number) => o.format(v) },
    },
    series: data.series.map((s) => ({
      name: s.name,
      type: o.kind,
      ...(o.stack ? { stack: 'total' } : {}),
      connectNulls: false,
      data: s.values,
    })),
  };
}
