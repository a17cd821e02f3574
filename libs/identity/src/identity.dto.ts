import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsEmail,
  IsEnum,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { OrgKind, Role } from '@accord/policy';

/*
 * Passwords carry no @MaxLength: the service refuses anything over 1 KiB with PASSWORD_TOO_LONG
 * before hashing, and the body limit refuses far larger bodies with 413 before parsing.
 */

/**
 * A display name: no control characters, line breaks or bidi overrides, so it cannot break or disguise a line it is
 * shown in.
 */
const DISPLAY_NAME = /^[^\p{Cc}\p{Zl}\p{Zp}\u202A-\u202E\u2066-\u2069]+$/u;

export class LoginDto {
  @ApiProperty() @IsEmail({}, { message: 'email must be an e-mail address' }) @MaxLength(254) email!: string;
  @ApiProperty() @IsString() password!: string;
  @ApiProperty({ description: 'Current 6-digit code of the authenticator app' })
  @IsString()
  @Matches(/^\d{6}$/, { message: 'code must be 6 digits' })
  code!: string;
  @ApiProperty({
    required: false,
    enum: ['browser', 'api'],
    description:
      'browser (default): session in an HttpOnly cookie; api: token in the body, for the Authorization: Bearer header',
  })
  @IsOptional()
  @IsIn(['browser', 'api'])
  client?: 'browser' | 'api';
}

export class ReauthenticateDto {
  @ApiProperty() @IsString() password!: string;
  @ApiProperty() @IsString() @Matches(/^\d{6}$/, { message: 'code must be 6 digits' }) code!: string;
}

export class ChangePasswordDto {
  @ApiProperty() @IsString() currentPassword!: string;
  @ApiProperty() @IsString() newPassword!: string;
}

export class StartEnrollmentDto {
  @ApiProperty({ description: 'The token from the enrollment link' }) @IsString() @MaxLength(100) token!: string;
  @ApiProperty() @IsString() password!: string;
}

export class ConfirmEnrollmentDto {
  @ApiProperty() @IsString() @MaxLength(100) token!: string;
  @ApiProperty() @IsString() @Matches(/^\d{6}$/, { message: 'code must be 6 digits' }) code!: string;
}

export class InviteUserDto {
  @ApiProperty() @IsEmail({}, { message: 'email must be an e-mail address' }) @MaxLength(254) email!: string;
  @ApiProperty({
    required: false,
    minLength: 1,
    maxLength: 100,
    description: 'The name colleagues know the person by (shown to program managers who assign referrals)',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(1, 100)
  @Matches(DISPLAY_NAME, { message: 'displayName must not contain control characters' })
  displayName?: string;
  @ApiProperty({ enum: Role, isArray: true })
  @IsEnum(Role, { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(6)
  roles!: Role[];
}

export class ChangeRolesDto {
  @ApiProperty({ enum: Role, isArray: true })
  @IsEnum(Role, { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(6)
  roles!: Role[];
}

export class CreateOrganizationDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) name!: string;
  @ApiProperty({ enum: [OrgKind.Police, OrgKind.Community, OrgKind.Hospital, OrgKind.City] })
  @IsIn([OrgKind.Police, OrgKind.Community, OrgKind.Hospital, OrgKind.City])
  kind!: OrgKind;
  @ApiProperty() @IsEmail({}, { message: 'adminEmail must be an e-mail address' }) @MaxLength(254) adminEmail!: string;
}
