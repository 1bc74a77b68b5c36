// Cross-border referral and repatriation as one shared case (TRM): use cases of this area.
export * from './xb-actions';
export * from './xb-common';
export * from './xb-demo';
export * from './xb-maintenance';
export * from './xb-read';
export * from './xb-refer';
