// Filled by the plans workplans area; see docs/ARCHITECTURE.md (Plans module).
export {};
