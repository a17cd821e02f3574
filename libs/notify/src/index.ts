export * from './inbox-event';
export * from './inbox-event.bus';
export * from './local-inbox-event.bus';
export * from './redis-inbox-event.bus';
export * from './inbox-event.publisher';
export * from './inbox-stream.service';
export * from './inbox-stream.controller';
export * from './notify.module';
