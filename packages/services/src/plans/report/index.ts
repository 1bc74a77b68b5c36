// Filled by the plans report area; see docs/ARCHITECTURE.md (Plans module).
export {};
