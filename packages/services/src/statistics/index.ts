// Statistics module: each area exports its use cases from its own folder.
export * from './core/index';
export * from './derived/index';
export * from './exchange/index';
export * from './regional/index';
