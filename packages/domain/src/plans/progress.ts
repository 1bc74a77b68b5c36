// Filled by the plans progress area; see docs/ARCHITECTURE.md (Plans module).
export {};
