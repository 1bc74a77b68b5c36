import type { StatFlow } from '@ctip/domain';
import { baseOptions } from '../charts/options';
import { FLOW_ANCHORS, GMS_COUNTRIES } from './gms-geo';

export const MAP_NAME = 'ctip-gms';

export type FlowMapText = {
  country: (code: string) => string;
  format: (value: number) => string;
  /** Tooltip text of a flow whose count is withheld. */
  withheld: string;
};

/** Line width of a flow: 1.5 px for the smallest, up to 12 px for the largest (area-like scale). */
export function flowWidth(value: number | null, max: number): number {
  if (value === null || max <= 0) {
    return 1.5;
  }
  return Math.round((1.5 + 10.5 * Math.sqrt(value / max)) * 10) / 10;
}

/**
 * The map options: the countries (GMS in colour), one arrow per flow sized by its count, dashed
 * where the count is withheld; flows with an end the map cannot place are returned as `offMap`.
 */
export function flowMapOptions(flows: readonly StatFlow[], text: FlowMapText) {
  const drawn = flows.filter((f) => f.from !== f.to && FLOW_ANCHORS[f.from] && FLOW_ANCHORS[f.to]);
  const offMap = flows.filter((f) => !drawn.includes(f));
  const max = Math.max(0, ...drawn.map((f) => f.value ?? 0));
  const ends = [...new Set(drawn.flatMap((f) => [f.from, f.to]))];
  const flowText = (f: StatFlow) =>
    `${text.country(f.from)} → ${text.country(f.to)}: ${
      f.value === null ? text.withheld : text.format(f.value)
    }`;
  const option = {
    ...baseOptions(),
    tooltip: { trigger: 'item' as const },
    geo: {
      map: MAP_NAME,
      roam: true,
      // China whole (73°–135° E, 18°–54° N) and the sea routes south to Indonesia.
      boundingCoords: [
        [72, 55],
        [142, -9],
      ],
      layoutCenter: ['50%', '50%'],
      layoutSize: '100%',
      itemStyle: { areaColor: '#f1f3f5', borderColor: '#adb5bd' },
      emphasis: { disabled: true },
      silent: true,
      regions: GMS_COUNTRIES.map((code) => ({
        name: code,
        itemStyle: { areaColor: '#d0ebff', borderColor: '#4dabf7' },
      })),
    },
    series: [
      {
        type: 'lines' as const,
        coordinateSystem: 'geo' as const,
        zlevel: 1,
        symbol: ['none', 'arrow'],
        symbolSize: 10,
        tooltip: { formatter: (p: { data: { tooltip: string } }) => p.data.tooltip },
        data: drawn.map((f) => ({
          coords: [FLOW_ANCHORS[f.from], FLOW_ANCHORS[f.to]],
          value: f.value,
          tooltip: flowText(f),
          lineStyle: {
            width: flowWidth(f.value, max),
            type: f.value === null ? ('dashed' as const) : ('solid' as const),
            color: f.value === null ? '#868e96' : '#e8590c',
            curveness: 0.25,
            opacity: 0.85,
          },
        })),
      },
      {
        type: 'scatter' as const,
        coordinateSystem: 'geo' as const,
        zlevel: 2,
        symbolSize: 6,
        itemStyle: { color: '#1c7ed6' },
        label: { show: true, position: 'right' as const, formatter: '{b}', fontSize: 11 },
        tooltip: { show: false },
        data: ends.map((code) => ({
          name: text.country(code),
          value: [...(FLOW_ANCHORS[code] ?? [0, 0])],
        })),
      },
    ],
  };
  return { option, drawn, offMap };
}
