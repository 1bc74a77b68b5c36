// Filled by the plans trainings area; see docs/ARCHITECTURE.md (Plans module).
export {};
