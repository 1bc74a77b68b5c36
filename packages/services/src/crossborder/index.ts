export * from './inbound-handlers';
