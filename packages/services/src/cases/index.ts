export * from './case-access';
export * from './person-crypto';
