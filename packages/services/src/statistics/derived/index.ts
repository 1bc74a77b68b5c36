// Filled by the statistics derived area; see docs/ARCHITECTURE.md.
export {};
