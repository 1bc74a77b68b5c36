// Statistics derived area: pivot tables, downloads, the regional overview, case-derived counts and
// the comparison with official figures; see docs/ARCHITECTURE.md.
export * from './cache';
export * from './case-derived';
export * from './comparison';
export * from './export-table';
export * from './overview';
export * from './query-table';
export * from './table-file';
