import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Organization, User } from '@accord/identity';
import type { IncidentRecord, IncidentType, IncidentVictim } from './incident';

/** The police organization's full record. Never read by anyone outside that organization. */
@Entity({ name: 'incidents' })
@Index('incidents_org_id_created_at_idx', ['orgId', 'createdAt'])
@Check('incidents_type_check', `type IN ('shooting', 'homicide')`)
@Check('incidents_retaliation_risk_check', `retaliation_risk IN ('low', 'medium', 'high', 'unknown')`)
export class Incident {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'incidents_pkey' })
  id!: string;

  @Column({ name: 'org_id', type: 'uuid' })
  orgId!: string;

  @ManyToOne(() => Organization, { nullable: false })
  @JoinColumn({ name: 'org_id', foreignKeyConstraintName: 'incidents_org_id_fkey' })
  org?: Organization;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;

  @ManyToOne(() => User, { nullable: false })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'incidents_created_by_fkey' })
  creator?: User;

  @Column({ name: 'type', type: 'text' })
  type!: IncidentType;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ name: 'latitude', type: 'double precision' })
  latitude!: number;

  @Column({ name: 'longitude', type: 'double precision' })
  longitude!: number;

  @Column({ name: 'house_number', type: 'text', nullable: true })
  houseNumber!: string | null;

  @Column({ name: 'street', type: 'text' })
  street!: string;

  @Column({ name: 'service_area', type: 'text' })
  serviceArea!: string;

  @Column({ name: 'victims', type: 'jsonb' })
  victims!: IncidentVictim[];

  @Column({ name: 'hospital', type: 'text', nullable: true })
  hospital!: string | null;

  @Column({ name: 'retaliation_risk', type: 'text' })
  retaliationRisk!: IncidentRecord['retaliationRisk'];

  @Column({ name: 'narrative', type: 'text', nullable: true })
  narrative!: string | null;

  @Column({ name: 'requested_response', type: 'text', nullable: true })
  requestedResponse!: string | null;

  @Column({ name: 'case_number', type: 'text', nullable: true })
  caseNumber!: string | null;

  @Column({ name: 'other_names', type: 'jsonb', default: () => "'[]'" })
  otherNames!: string[];

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  toRecord(): IncidentRecord {
    return {
      type: this.type,
      occurredAt: this.occurredAt,
      location: { latitude: this.latitude, longitude: this.longitude, ...(this.houseNumber ? { houseNumber: this.houseNumber } : {}), street: this.street, serviceArea: this.serviceArea },
      victims: this.victims,
      hospital: this.hospital,
      retaliationRisk: this.retaliationRisk,
      narrative: this.narrative,
      requestedResponse: this.requestedResponse,
      caseNumber: this.caseNumber,
      otherNames: this.otherNames,
    };
  }
}
