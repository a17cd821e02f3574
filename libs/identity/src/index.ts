// The entities are in @accord/entities/identity (for the schema module); other libs read through
// identity-directory.ts. The user's status and a session's end reason are public vocabulary.
export { UserStatus } from './user.entity';
export type { SessionRevocationReason } from './session.entity';
export * from './clock';
export * from './secret-box';
export * from './reseal-step';
export * from './tokens';
export * from './password-policy';
export * from './totp';
export * from './password-hasher.service';
export * from './login-throttle.service';
export * from './identity-audit';
export * from './sessions.service';
export * from './session.authenticator';
export * from './lockout';
export * from './auth.service';
export * from './enrollment-mailer';
export * from './identity-directory';
export * from './users.service';
export * from './organizations.service';
export * from './user.mapper';
export * from './identity.dto';
export * from './workers-response.dto';
export * from './identity.module';
export * from './demo-city';
export * from './account-hygiene.service';
export * from './totp-resealing';
