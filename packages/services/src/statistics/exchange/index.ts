// Filled by the statistics exchange area; see docs/ARCHITECTURE.md.
export {};
