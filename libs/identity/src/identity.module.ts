import { Global, Module } from '@nestjs/common';
import { AuditModule } from '@accord/audit';
import { JobsModule } from '@accord/jobs';
import { AppConfig } from '@accord/config';
import { AbilityFactory, AbilityService, AUTHENTICATOR } from '@accord/policy';
import { AccountHygieneService } from './account-hygiene.service';
import { AuthController, MeController } from './auth.controller';
import { Clock, CLOCK_OVERRIDE, SystemClock } from './clock';
import { DemoCitySeeder } from './demo-city';
import { DemoController } from './demo.controller';
import { EnrollmentMailer } from './enrollment-mailer';
import { AuthService } from './auth.service';
import { LoginThrottle } from './login-throttle.service';
import { OrganizationsService } from './organizations.service';
import { PasswordHasher } from './password-hasher.service';
import { loadSecretBox, SecretBox } from './secret-box';
import { SessionAuthenticator } from './session.authenticator';
import { SessionsService } from './sessions.service';
import { TotpResealing } from './totp-resealing';
import { OrganizationsController, UsersController } from './users.controller';
import { UsersService } from './users.service';
import { WorkersController } from './workers.controller';

/**
 * Organizations, users, sessions and MFA. Global so the policy guard (registered by the app) can
 * reach the AUTHENTICATOR, and other libs the clock and the re-authentication check.
 */
@Global()
@Module({
  imports: [AuditModule, JobsModule],
  controllers: [
    AuthController,
    MeController,
    UsersController,
    OrganizationsController,
    WorkersController,
    DemoController,
  ],
  providers: [
    {
      provide: Clock,
      useFactory: (override?: Clock) => override ?? new SystemClock(),
      inject: [{ token: CLOCK_OVERRIDE, optional: true }],
    },
    { provide: SecretBox, useFactory: loadSecretBox, inject: [AppConfig] },
    { provide: AbilityFactory, useFactory: () => new AbilityFactory() },
    // Narrows the baseline by the active agreements (GRANTS_SOURCE, from the agreements lib when present).
    AbilityService,
    PasswordHasher,
    LoginThrottle,
    SessionsService,
    AuthService,
    EnrollmentMailer,
    UsersService,
    OrganizationsService,
    SessionAuthenticator,
    DemoCitySeeder,
    AccountHygieneService,
    TotpResealing,
    { provide: AUTHENTICATOR, useExisting: SessionAuthenticator },
  ],
  exports: [
    Clock,
    SecretBox,
    EnrollmentMailer,
    AbilityFactory,
    AbilityService,
    PasswordHasher,
    SessionsService,
    AuthService,
    UsersService,
    OrganizationsService,
    DemoCitySeeder,
    TotpResealing,
    AUTHENTICATOR,
  ],
})
export class IdentityModule {}
