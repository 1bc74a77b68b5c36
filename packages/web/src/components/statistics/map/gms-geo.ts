import type { Topology } from 'topojson-specification';

/**
 * The map of the Greater Mekong Sub-region and its neighbours, drawn from Natural Earth
 * (world-atlas, 1:50m) with topojson-client: no online tiles. Loaded on demand (both modules are
 * dynamic imports, so neither is in the first bundle). China is drawn whole; the note under the map
 * says that its GMS part is Yunnan and Guangxi.
 */

/** ISO 3166 numeric (world-atlas ids) → alpha-2, for the countries drawn. */
export const MAP_COUNTRIES: Readonly<Record<string, string>> = {
  '116': 'KH',
  '156': 'CN',
  '418': 'LA',
  '104': 'MM',
  '764': 'TH',
  '704': 'VN',
  '458': 'MY',
  '702': 'SG',
  '360': 'ID',
  '608': 'PH',
  '096': 'BN',
  '626': 'TL',
  '356': 'IN',
  '050': 'BD',
  '064': 'BT',
  '524': 'NP',
  '158': 'TW',
  '410': 'KR',
  '408': 'KP',
  '392': 'JP',
  '496': 'MN',
  '344': 'HK',
  '446': 'MO',
  '144': 'LK',
};

/**
 * Where a flow starts or ends, [longitude, latitude]: the capital, except China, whose point is in
 * Yunnan (Kunming), the Chinese part of the GMS where its repatriations cross.
 */
export const FLOW_ANCHORS: Readonly<Record<string, readonly [number, number]>> = {
  KH: [104.92, 11.56],
  CN: [102.71, 25.04],
  LA: [102.63, 17.97],
  MM: [96.13, 19.76],
  TH: [100.5, 13.75],
  VN: [105.85, 21.03],
  MY: [101.69, 3.14],
  SG: [103.82, 1.35],
  ID: [106.85, -6.2],
  PH: [120.98, 14.6],
  BN: [114.94, 4.9],
  TL: [125.57, -8.56],
  IN: [77.21, 28.61],
  BD: [90.41, 23.81],
  NP: [85.32, 27.72],
  TW: [121.56, 25.03],
  KR: [126.98, 37.57],
  JP: [139.69, 35.68],
  HK: [114.17, 22.32],
  MO: [113.54, 22.19],
  LK: [79.86, 6.93],
};

/** The GMS countries, drawn in colour; the others in grey. */
export const GMS_COUNTRIES: readonly string[] = ['KH', 'CN', 'LA', 'MM', 'TH', 'VN'];

export type MapFeature = {
  type: 'Feature';
  id?: string | number;
  properties: { name: string };
  geometry: unknown;
};
export type MapGeoJson = { type: 'FeatureCollection'; features: MapFeature[] };

/** Keep the drawn countries of a world topology, named by their alpha-2 code. */
export function gmsFeatures(
  topology: Topology,
  toFeatures: (topology: Topology) => { features: { id?: string | number; geometry: unknown }[] },
): MapGeoJson {
  const features: MapFeature[] = [];
  for (const f of toFeatures(topology).features) {
    const code = MAP_COUNTRIES[String(f.id)];
    if (code) {
      features.push({
        type: 'Feature',
        id: code,
        properties: { name: code },
        geometry: f.geometry,
      });
    }
  }
  return { type: 'FeatureCollection', features };
}

let cached: Promise<MapGeoJson> | null = null;

/** The map's GeoJSON, loaded once per page. */
export function loadGmsGeoJson(): Promise<MapGeoJson> {
  cached ??= Promise.all([
    import('topojson-client'),
    import('world-atlas/countries-50m.json'),
  ]).then(([topojson, atlas]) => {
    const topology = (atlas.default ?? atlas) as unknown as Topology;
    return gmsFeatures(topology, (topo) => {
      const object = topo.objects.countries;
      if (!object) {
        return { features: [] };
      }
      const fc = topojson.feature(topo, object) as unknown as {
        features: { id?: string | number; geometry: unknown }[];
      };
      return fc;
    });
  });
  cached.catch(() => {
    cached = null;
  });
  return cached;
}
