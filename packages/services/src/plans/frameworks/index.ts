// Filled by the plans frameworks area; see docs/ARCHITECTURE.md (Plans module).
export {};
