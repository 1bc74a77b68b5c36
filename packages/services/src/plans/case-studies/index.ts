// Filled by the plans case-studies area; see docs/ARCHITECTURE.md (Plans module).
export {};
