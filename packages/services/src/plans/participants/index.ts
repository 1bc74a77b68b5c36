// Filled by the plans participants area; see docs/ARCHITECTURE.md (Plans module).
export {};
