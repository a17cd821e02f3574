export * from './security-headers';
export * from './web-app.middleware';
