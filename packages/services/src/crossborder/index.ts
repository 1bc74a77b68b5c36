export * from './agreement-lookup';
export * from './agreements';
export * from './inbound-handlers';
export * from './meetings';
export * from './xb-cases';
