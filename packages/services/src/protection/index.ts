export * from './country-rules';
export * from './feedback';
export * from './follow-up-report';
export * from './follow-ups';
export * from './fund-payments';
export * from './shelter-stays';
export * from './support-services';
export * from './tasks';
