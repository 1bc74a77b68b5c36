// Statistics core: metadata, settings, data entry, validation findings, approvals; see
// docs/ARCHITECTURE.md.
export * from './approvals';
export * from './demo';
export * from './entry';
export * from './metadata';
export * from './revalidate';
export * from './settings';
export * from './violations';
