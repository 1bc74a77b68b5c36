// Filled by the statistics regional area; see docs/ARCHITECTURE.md.
export {};
