// The entities are in @accord/entities/agreements (for the schema module); their vocabulary is public.
export { VersionStatus } from './agreement-version.entity';
export { LEGAL_HOLD_REASONS, type LegalHoldReason } from './legal-hold.entity';
export * from './agreement.dto';
export * from './agreements.service';
export * from './flow-resolution';
export * from './agreements.module';
export * from './agreement-expiry.processor';
export * from './board.dto';
export * from './board.service';
export * from './board.controller';
export * from './legal-holds.service';
export * from './legal-holds.controller';
export * from './review-sign-offs.service';
export * from './review-sign-offs.controller';
