import { ApiProperty } from '@nestjs/swagger';
import { Role } from '@accord/policy';
import type { WorkerView } from './user.mapper';

/** One person a referral may be assigned to: a name and roles, nothing more of the users table. */
export class WorkerDto implements WorkerView {
  @ApiProperty({ format: 'uuid', description: 'The `assigneeId` of a referral assignment' })
  id!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The name colleagues know the person by; null for accounts invited without one',
  })
  displayName!: string | null;

  @ApiProperty({ enum: Role, enumName: 'Role', isArray: true })
  roles!: Role[];
}

export class WorkerListDto {
  @ApiProperty({
    type: () => WorkerDto,
    isArray: true,
    description: 'Enabled outreach workers of your organization, by name',
  })
  items!: WorkerDto[];
}
