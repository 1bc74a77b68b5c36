export * from './create-screening';
export * from './find-screenings';
export * from './get-screening';
export * from './linked-case-access';
export * from './screening-presenter';
