export * from './dimensions';
export * from './disclosure';
export * from './elements';
export * from './import-mapping';
export * from './indicators';
export * from './periods';
export * from './validation';
export * from './values';
