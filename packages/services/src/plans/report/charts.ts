import * as echarts from 'echarts';

// Server-side ECharts (SVG, no DOM): the charts of the monitoring report.

const FONT = "'Noto Sans', 'Noto Sans CJK SC', sans-serif";
const PALETTE = ['#1f4e79', '#c55a11', '#548235', '#7030a0', '#bf9000', '#2e75b6', '#843c0c'];

function render(option: echarts.EChartsCoreOption, width = 640, height = 300): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({
      animation: false,
      color: PALETTE,
      textStyle: { fontFamily: FONT, fontSize: 11 },
      ...option,
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** A grouped bar chart: one group per category, one series per name. */
export function barChartSvg(input: {
  title: string;
  categories: string[];
  series: { name: string; values: (number | null)[] }[];
}): string {
  return render({
    title: { text: input.title, left: 'center', textStyle: { fontSize: 13, fontFamily: FONT } },
    legend: { bottom: 0, textStyle: { fontFamily: FONT } },
    grid: { left: 60, right: 20, top: 40, bottom: 50 },
    xAxis: { type: 'category', data: input.categories },
    yAxis: { type: 'value' },
    series: input.series.map((s) => ({ type: 'bar', name: s.name, data: s.values })),
  });
}

/** A line chart over years, one line per name. */
export function lineChartSvg(input: {
  title: string;
  years: number[];
  series: { name: string; values: (number | null)[] }[];
}): string {
  return render({
    title: { text: input.title, left: 'center', textStyle: { fontSize: 13, fontFamily: FONT } },
    legend: { bottom: 0, textStyle: { fontFamily: FONT } },
    grid: { left: 60, right: 20, top: 40, bottom: 50 },
    xAxis: { type: 'category', data: input.years.map(String) },
    yAxis: { type: 'value' },
    series: input.series.map((s) => ({
      type: 'line',
      name: s.name,
      data: s.values,
      connectNulls: false,
      symbolSize: 6,
    })),
  });
}
