import { ApiProperty, PartialType } from '@nestjs/swagger';
import { Action, OrgKind, Role } from '@accord/policy';
import type { EnrollmentChallenge } from './auth.service';
import type { CreatedOrganization } from './organizations.service';
import type { OrganizationView, UserView } from './user.mapper';
import { UserStatus } from './user.entity';
import type { EnrollmentLink, InvitedUser } from './users.service';

/*
 * The OpenAPI description of what the auth, me, user and organization routes answer. Each class
 * implements the service's own view type, so a field added there and not here fails to compile.
 */

export class LoginResultDto {
  @ApiProperty({ required: false, description: 'Only for client "api": the opaque session token for `Authorization: Bearer`. Browsers get the HttpOnly cookie instead' })
  token?: string;
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({ format: 'date-time', description: 'The absolute end of the session (it also ends after 30 idle minutes)' }) expiresAt!: string;
}

export class ReauthenticatedDto {
  @ApiProperty({ format: 'date-time' }) authenticatedAt!: string;
}

export class EnrollmentChallengeDto implements EnrollmentChallenge {
  @ApiProperty({ description: 'otpauth:// URI for the authenticator app' }) otpauthUri!: string;
  @ApiProperty({ description: 'The same URI as a QR code (data:image/png;base64,…)' }) qrDataUrl!: string;
  @ApiProperty({ description: 'The seed itself, for people typing it into an app instead of scanning' }) secret!: string;
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
  @ApiProperty({ enum: UserStatus, enumName: 'UserStatus', description: 'pending until enrollment is confirmed' }) status!: string;
  @ApiProperty({ description: 'Locked after repeated failed logins, until an org admin releases it' }) locked!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

/** A user as a reader sees them: only the fields the caller's rules let them read. */
export class ReadableUserDto extends PartialType(UserDto) {}

export class EnrollmentLinkDto implements EnrollmentLink {
  @ApiProperty({ description: 'The single-use link to send the person (…/enroll#token=…)' }) url!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
}

export class InvitedUserDto implements InvitedUser {
  @ApiProperty({ type: () => UserDto }) user!: UserDto;
  @ApiProperty({ type: () => EnrollmentLinkDto }) enrollment!: EnrollmentLinkDto;
}

export class OrganizationDto implements OrganizationView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: OrgKind, enumName: 'OrgKind' }) kind!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class CreatedOrganizationDto implements CreatedOrganization {
  @ApiProperty({ type: () => OrganizationDto }) organization!: OrganizationDto;
  @ApiProperty({ type: () => InvitedUserDto, description: 'Its first org admin' }) admin!: InvitedUserDto;
}

const NAMES = { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] };

/** One CASL rule of the caller's effective ability (role baseline narrowed by the active agreements). */
export class AbilityRuleDto {
  @ApiProperty({ ...NAMES, description: `One or more of: ${Object.values(Action).join(', ')}` }) action!: string | string[];
  @ApiProperty({ ...NAMES, required: false, description: 'A subject type such as Disclosure' }) subject?: string | string[];
  @ApiProperty({ required: false, type: Object, additionalProperties: true, description: 'Conditions on the subject (agreement ids, categories; never content)' })
  conditions?: Record<string, unknown>;
  @ApiProperty({ ...NAMES, required: false, description: 'Only these fields' }) fields?: string | string[];
  @ApiProperty({ required: false, description: 'A "cannot" rule' }) inverted?: boolean;
  @ApiProperty({ required: false }) reason?: string;
}

export class AbilitiesDto {
  @ApiProperty({ type: () => [AbilityRuleDto] }) rules!: AbilityRuleDto[];
}
