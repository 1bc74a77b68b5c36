// Filled by the plans indicators area; see docs/ARCHITECTURE.md (Plans module).
export {};
