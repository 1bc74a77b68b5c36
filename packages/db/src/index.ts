export * from './connect';
export * from './migrate';
export { MIGRATIONS } from './migrations/index';
export * from './repositories/reference.repository';
export { seedReferenceData } from './seed/reference/index';
export type * from './tables/crossborder.table';
export * from './tables/database';
export type * from './tables/plans.table';
export type * from './tables/statistics.table';
