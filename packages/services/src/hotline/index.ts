export * from './create-hotline-call';
export * from './find-hotline-calls';
export * from './get-hotline-call';
export * from './hotline-presenter';
export * from './hotline-scope';
export * from './hotline-stats';
export * from './refer-hotline-call';
export * from './update-hotline-call';
