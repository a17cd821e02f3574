export * from './agreement.entity';
export * from './agreement-version.entity';
export * from './agreement-approval.entity';
export * from './agreement.dto';
export * from './agreements.service';
export * from './agreements.module';
export * from './agreement-expiry.processor';
