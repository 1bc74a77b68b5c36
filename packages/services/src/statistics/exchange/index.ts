// Statistics exchange: import (CSV, XLSX, ADX; long and wide layouts), saved mappings, export.
export * from './export-stats';
export * from './files';
export * from './import-job';
export * from './import-stats';
export * from './mappings';
export * from './option-maps';
export * from './parse-rows';
export * from './validate-import';
export * from './write-values';
