import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Organization } from '@accord/entities/identity';
import type { AreaGeometry } from './service-areas';

/**
 * One of an organization's service areas (a district, a beat, a program's catchment): its code,
 * its name and its polygon. An organization's set is replaced whole by its admin
 * (PUT /service-areas); incidents' service areas are derived from these (docs/sharing.md).
 */
@Entity({ name: 'service_areas' })
@Unique('service_areas_org_id_code_key', ['orgId', 'code'])
export class ServiceArea {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'service_areas_pkey' })
  id!: string;

  @Column({ name: 'org_id', type: 'uuid' })
  orgId!: string;

  @ManyToOne(() => Organization, { nullable: false })
  @JoinColumn({ name: 'org_id', foreignKeyConstraintName: 'service_areas_org_id_fkey' })
  org?: Organization;

  @Column({ name: 'code', type: 'text' })
  code!: string;

  /** Its place in the collection as loaded: a point on a shared border belongs to the first. */
  @Column({ name: 'position', type: 'integer' })
  position!: number;

  @Column({ name: 'name', type: 'text' })
  name!: string;

  /** A GeoJSON Polygon or MultiPolygon, validated on the way in (service-areas.ts). */
  @Column({ name: 'geometry', type: 'jsonb' })
  geometry!: AreaGeometry;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
