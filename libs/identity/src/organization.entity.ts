import { Check, Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { OrgKind } from '@accord/policy';

@Entity({ name: 'organizations' })
@Unique('organizations_name_key', ['name'])
@Check('organizations_kind_check', `kind IN ('police', 'community', 'hospital', 'city', 'platform')`)
@Check('organizations_name_check', `char_length(name) BETWEEN 1 AND 200`)
export class Organization {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'organizations_pkey' })
  id!: string;

  @Column({ name: 'name', type: 'text' })
  name!: string;

  @Column({ name: 'kind', type: 'text' })
  kind!: OrgKind;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
