export * from './test-database';
export * from './test-redis';
export * from './identity-kit';
export * from './redis-proxy';
export * from './partnership-kit';
export * from './sse-client';
export * from './deliveries';
export * from './free-port';
