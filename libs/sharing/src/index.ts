export * from './incident';
export * from './generalization';
export * from './identifier-screening';
export * from './incident-disclosure';
