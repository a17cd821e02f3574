export * from './organization.entity';
export * from './user.entity';
export * from './session.entity';
export * from './enrollment-token.entity';
export * from './login-throttle-counter.entity';
export * from './clock';
