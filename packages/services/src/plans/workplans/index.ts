// Plans, workplans area: national plans of action, annual workplans and their activities.
export {
  addWorkplanActivity,
  removeWorkplanActivity,
  updateWorkplanActivity,
} from './activities';
export { loadFrameworkActivities } from './common';
export { createNationalPlan, listNationalPlans, updateNationalPlan } from './national-plans';
export {
  copyWorkplan,
  createWorkplan,
  getWorkplan,
  listWorkplans,
  updateWorkplan,
  type WorkplanFrameworkOption,
} from './workplans';
