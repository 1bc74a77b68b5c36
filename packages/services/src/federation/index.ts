export * from './deliver';
export * from './envelope';
export * from './federation-audit';
export * from './inbound-types';
export * from './inbox';
export * from './node-identity';
export * from './outbox';
export * from './routing';
