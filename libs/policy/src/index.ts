export * from './roles';
export * from './actions';
export * from './auth-context';
export * from './authorize.decorator';
export * from './policy.guard';
export * from './route-policies';
