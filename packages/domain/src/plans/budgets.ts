// Filled by the plans budgets area; see docs/ARCHITECTURE.md (Plans module).
export {};
