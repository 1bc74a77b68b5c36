// Plans, indicators area: indicators per framework node, country selections with baseline and
// annual progress markers, actuals (statistics-bound or manual) and the indicator dashboard.
export { seedDemoIndicators } from './demo';
export {
  createPlanIndicator,
  getCountryIndicator,
  getIndicatorDashboard,
  getPlanIndicator,
  listPlanIndicators,
  removeCountryIndicator,
  saveCountryIndicator,
  saveIndicatorYears,
  statisticsActuals,
  updatePlanIndicator,
} from './indicators';
