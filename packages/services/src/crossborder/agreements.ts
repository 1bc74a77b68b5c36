// Agreements as policy (cross-border issue): the registry of instruments, their revisions and
// versioned sharing policies, border points and meeting rhythms.
export * from './agreement-policies';
export * from './agreement-registry';
