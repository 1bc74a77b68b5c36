// Filled by the statistics core area; see docs/ARCHITECTURE.md.
export {};
