export * from './export-cases';
export * from './htcds-file';
export * from './import-cases';
export * from './import-job';
export * from './insert-imported-cases';
export * from './validate-case-sheet';
