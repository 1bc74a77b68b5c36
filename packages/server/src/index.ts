export { buildApp } from './app';
export { type AppConfig, loadConfig, loadTestConfig, testFederation } from './config';
export { SESSION_COOKIE } from './plugins/auth';
