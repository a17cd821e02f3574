export * from './error-code';
export * from './domain.exception';
export * from './request-context';
export * from './forbidden-keys';
export * from './validation';
export * from './logger';
export * from './http-exception.filter';
export * from './with-timeout';
