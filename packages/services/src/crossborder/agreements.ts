// Filled by its area (cross-border issue); exports its use cases.
export {};
