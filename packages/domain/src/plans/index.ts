// Plans module (M&E): each area owns one file; money and plan periods are shared.
export * from './budgets';
export * from './case-studies';
export * from './frameworks';
export * from './indicators';
export * from './money';
export * from './participants';
export * from './plan-period';
export * from './progress';
export * from './report';
export * from './trainings';
export * from './workplans';
