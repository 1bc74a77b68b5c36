export * from './inbound';
export * from './publish';
export * from './sets';
export * from './snapshot';
