import { Loader } from '@mantine/core';
import { type ReactElement, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** What a chart's owner can do with the drawn chart. */
export type ChartHandle = {
  /** The chart as a PNG data URL (white background, twice the screen resolution). */
  toPng: () => string;
};

type EChartsModule = typeof import('./echarts-setup');
type Instance = ReturnType<EChartsModule['echarts']['init']>;

/** Can this browser draw on a canvas? (Test environments cannot: the table shows the figures.) */
function canvasAvailable(): boolean {
  try {
    return Boolean(document.createElement('canvas').getContext('2d'));
  } catch {
    return false;
  }
}

export type EChartProps = {
  /** ECharts options; null while the data is not there. */
  option: object | null;
  /** Accessible name of the chart. */
  label: string;
  height?: number;
  /** Run before the first setOption, such as registering a map. */
  prepare?: (echarts: EChartsModule['echarts']) => Promise<void>;
  onHandle?: (handle: ChartHandle | null) => void;
  'data-testid'?: string;
};

/** One ECharts chart, loaded on demand; nothing is drawn where the browser has no canvas. */
export function EChart({
  option,
  label,
  height = 320,
  prepare,
  onHandle,
  'data-testid': testId,
}: EChartProps): ReactElement {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const chartRef = useRef<Instance | null>(null);
  const [loading, setLoading] = useState(true);

  useEffect(() => {
    let disposed = false;
    if (!option || !canvasAvailable()) {
      setLoading(false);
      return;
    }
    const onResize = () => chartRef.current?.resize();
    void import('./echarts-setup')
      .then(async ({ echarts }) => {
        if (prepare) {
          await prepare(echarts);
        }
        if (disposed || !ref.current) {
          return;
        }
        const chart =
          chartRef.current ?? echarts.init(ref.current, undefined, { renderer: 'canvas' });
        chartRef.current = chart;
        chart.setOption(option as Record<string, unknown>, true);
        onHandle?.({
          toPng: () => chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' }),
        });
        globalThis.addEventListener?.('resize', onResize);
      })
      .catch(() => {
        // The table beside the chart shows the same figures; a chart that cannot load is no error.
      })
      .finally(() => {
        if (!disposed) {
          setLoading(false);
        }
      });
    return () => {
      disposed = true;
      globalThis.removeEventListener?.('resize', onResize);
    };
  }, [option, prepare, onHandle]);

  useEffect(
    () => () => {
      chartRef.current?.dispose();
      chartRef.current = null;
      onHandle?.(null);
    },
    [onHandle],
  );

  return (
    <div>
      {loading ? <Loader size="sm" aria-label={t('statistics.chart.loading')} /> : null}
      <div
        ref={ref}
        role="img"
        aria-label={label}
        style={{ width: '100%', height }}
        data-testid={testId}
      />
    </div>
  );
}
