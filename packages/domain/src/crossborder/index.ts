export * from './agreements';
export * from './meetings';
export * from './messages';
export * from './reconciliation';
export * from './repatriation';
export * from './sharing-policy';
export * from './xb-case';
