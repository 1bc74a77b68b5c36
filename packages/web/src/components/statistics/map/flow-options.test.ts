import { describe, expect, it } from 'vitest';
import { flowMapOptions, flowWidth } from './flow-options';
import { gmsFeatures } from './gms-geo';

describe(flowMapOptions.name, () => {
  const text = { country: (c: string) => c, format: String, withheld: 'withheld' };

  it('draws one arrow per placeable flow, sized by count, dashed when withheld', () => {
    const { option, drawn, offMap } = flowMapOptions(
      [
        { from: 'TH', to: 'MM', value: 400, status: 'Reported' },
        { from: 'TH', to: 'LA', value: 100, status: 'Reported' },
        { from: 'TH', to: 'KH', value: null, status: 'Suppressed' },
        { from: 'TH', to: 'ZZ', value: 7, status: 'Reported' },
      ],
      text,
    );
    expect(drawn.map((f) => f.to)).toEqual(['MM', 'LA', 'KH']);
    expect(offMap.map((f) => f.to)).toEqual(['ZZ']);
    const lines = option.series[0]?.data as {
      lineStyle: { width: number; type: string };
      tooltip: string;
    }[];
    expect(lines.map((l) => l.lineStyle.width)).toEqual([12, 6.8, 1.5]);
    expect(lines[2]?.lineStyle.type).toBe('dashed');
    expect(lines[2]?.tooltip).toBe('TH → KH: withheld');
    expect(option.series[0]?.symbol).toEqual(['none', 'arrow']);
  });

  it('scales widths by the square root of the count', () => {
    expect(flowWidth(25, 100)).toBe(6.8);
    expect(flowWidth(null, 100)).toBe(1.5);
  });
});

describe(gmsFeatures.name, () => {
  it('keeps the drawn countries, China whole, named by alpha-2 code', () => {
    const geo = gmsFeatures({ type: 'Topology', objects: {}, arcs: [] }, () => ({
      features: [
        { id: '156', geometry: { type: 'Polygon', coordinates: [] } },
        { id: '764', geometry: { type: 'Polygon', coordinates: [] } },
        { id: '250', geometry: { type: 'Polygon', coordinates: [] } },
      ],
    }));
    expect(geo.features.map((f) => f.properties.name)).toEqual(['CN', 'TH']);
  });
});
