// Plans module (M&E): each area exports its use cases from its own folder.
export * from './budgets/index';
export * from './case-studies/index';
export * from './frameworks/index';
export * from './indicators/index';
export * from './participants/index';
export * from './progress/index';
export * from './report/index';
export * from './trainings/index';
export * from './workplans/index';
