import { ApiProperty, PartialType } from '@nestjs/swagger';
import { Action, OrgKind, Role } from '@accord/policy';
import type { EnrollmentChallenge } from './auth.service';
import type { CreatedOrganizationSent } from './organizations.service';
import type { OrganizationView, UserView } from './user.mapper';
import { UserStatus } from './user.entity';
import type { InvitationSent, UserEventView } from './users.service';

/*
 * The OpenAPI description of what the auth, me, user and organization routes answer. Each class
 * implements the service's own view type, so a field added there and not here fails to compile.
 */

export class LoginResultDto {
  @ApiProperty({
    required: false,
    description:
      'Only for client "api": the opaque session token for `Authorization: Bearer`. Browsers get the HttpOnly ' +
      'cookie instead',
  })
  token?: string;
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({
    format: 'date-time',
    description: 'The absolute end of the session (it also ends after 30 idle minutes)',
  })
  expiresAt!: string;
}

export class ReauthenticatedDto {
  @ApiProperty({ format: 'date-time' }) authenticatedAt!: string;
}

export class EnrollmentChallengeDto implements EnrollmentChallenge {
  @ApiProperty({ description: 'otpauth:// URI for the authenticator app' }) otpauthUri!: string;
  @ApiProperty({ description: 'The same URI as a QR code (data:image/png;base64,…)' }) qrDataUrl!: string;
  @ApiProperty({ description: 'The seed itself, for people typing it into an app instead of scanning' })
  secret!: string;
}

export class EnrollmentConfirmedDto {
  @ApiProperty({ format: 'uuid' }) userId!: string;
}

export class UserDto implements UserView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) orgId!: string;
  @ApiProperty({ format: 'email' }) email!: string;
  @ApiProperty({ type: String, nullable: true }) displayName!: string | null;
  @ApiProperty({ enum: Role, enumName: 'Role', isArray: true }) roles!: string[];
  @ApiProperty({ enum: UserStatus, enumName: 'UserStatus', description: 'pending until enrollment is confirmed' })
  status!: string;
  @ApiProperty({ description: 'Locked after repeated failed logins, until an org admin releases it' }) locked!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class UserEventDto implements UserEventView {
  @ApiProperty({ description: "The entry's place in the system audit stream" }) seq!: number;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty({
    description:
      'user.create, user.enroll_password, user.enroll, auth.login, auth.password_change, user.lockout, ' +
      'user.lockout_release, user.disable, user.enable, user.reset, user.roles_change, …',
  })
  action!: string;
  @ApiProperty({ enum: ['success', 'failure', 'allowed', 'denied'] }) outcome!: string;
  @ApiProperty({ type: String, nullable: true, description: 'A code (e.g. INVALID_CREDENTIALS), never free text' })
  reason!: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }] },
    description: 'Ids, role names, counts and codes (e.g. roles_change: from, to; disable: sessionsRevoked)',
  })
  details!: Record<string, string | number | boolean | null>;
  @ApiProperty({ type: [String], description: 'The roles of whoever did it' }) actorRoles!: string[];
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Who did it, when that is a person of the same organization; null otherwise (an operator, the system)',
  })
  actorUserId!: string | null;
  @ApiProperty({ type: String, nullable: true }) actorDisplayName!: string | null;
  @ApiProperty({ description: 'The person did it themselves (a login, an enrollment, a password change)' })
  bySubject!: boolean;
}

export class UserEventsDto {
  @ApiProperty({ type: () => [UserEventDto], description: 'Newest first, the latest 25' }) items!: UserEventDto[];
}

/** A user as a reader sees them: only the fields the caller's rules let them read. */
export class ReadableUserDto extends PartialType(UserDto) {}

export class EnrollmentSentDto {
  @ApiProperty({ format: 'date-time', description: 'Until when the single-use link works' }) expiresAt!: string;
  @ApiProperty({
    description:
      "Whether the link went out by e-mail to the person's own address. The link itself is never in an answer: " +
      'whoever invites or resets someone must not be able to enroll as them. false: e-mail is not configured ' +
      '(SMTP_URL) or the server refused; reset the user to send a new one.',
  })
  emailed!: boolean;
}

export class InvitedUserDto implements InvitationSent {
  @ApiProperty({ type: () => UserDto }) user!: UserDto;
  @ApiProperty({ type: () => EnrollmentSentDto }) enrollment!: EnrollmentSentDto;
}

export class OrganizationDto implements OrganizationView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: OrgKind, enumName: 'OrgKind' }) kind!: string;
  @ApiProperty({
    enum: Role,
    enumName: 'Role',
    isArray: true,
    description: 'The roles an organization of this kind may hand out (anything else is refused: ROLE_NOT_ALLOWED)',
  })
  roles!: string[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class CreatedOrganizationDto implements CreatedOrganizationSent {
  @ApiProperty({ type: () => OrganizationDto }) organization!: OrganizationDto;
  @ApiProperty({ type: () => InvitedUserDto, description: 'Its first org admin' }) admin!: InvitedUserDto;
}

const NAMES = { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] };

/** One CASL rule of the caller's effective ability (role baseline narrowed by the active agreements). */
export class AbilityRuleDto {
  @ApiProperty({ ...NAMES, description: `One or more of: ${Object.values(Action).join(', ')}` }) action!:
    string | string[];
  @ApiProperty({ ...NAMES, required: false, description: 'A subject type such as Disclosure' }) subject?:
    string | string[];
  @ApiProperty({
    required: false,
    type: Object,
    additionalProperties: true,
    description: 'Conditions on the subject (agreement ids, categories; never content)',
  })
  conditions?: Record<string, unknown>;
  @ApiProperty({ ...NAMES, required: false, description: 'Only these fields' }) fields?: string | string[];
  @ApiProperty({ required: false, description: 'A "cannot" rule' }) inverted?: boolean;
  @ApiProperty({ required: false }) reason?: string;
}

export class AbilitiesDto {
  @ApiProperty({ type: () => [AbilityRuleDto] }) rules!: AbilityRuleDto[];
}
