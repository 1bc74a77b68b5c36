export * from './connect';
export * from './migrate';
export { MIGRATIONS } from './migrations/index';
export { seedReferenceData } from './seed/reference/index';
export * from './tables/database';
