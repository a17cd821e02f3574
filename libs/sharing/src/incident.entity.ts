import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Organization, User } from '@accord/entities/identity';
import type { IncidentRecord, IncidentType } from './incident';
import type { IncidentPersonalData } from './incident-sealing';

/**
 * The police organization's full record. Never read by anyone outside that organization; its
 * personal fields are sealed at rest and opened only in the service (docs/security.md, "Data").
 */
@Entity({ name: 'incidents' })
@Index('incidents_org_id_created_at_idx', ['orgId', 'createdAt'])
@Index('incidents_org_id_occurred_at_idx', ['orgId', 'occurredAt', 'id'])
@Index('incidents_key_id_idx', ['keyId'])
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

  /** Sealed (incident-sealing.ts), like every personal field below: nothing here is readable with SQL alone. */
  @Column({ name: 'house_number_sealed', type: 'text', nullable: true })
  houseNumberSealed!: string | null;

  @Column({ name: 'street_sealed', type: 'text' })
  streetSealed!: string;

  @Column({ name: 'service_area', type: 'text' })
  serviceArea!: string;

  /** The victims (ages, fatality, names) as one sealed JSON value. */
  @Column({ name: 'victims_sealed', type: 'text' })
  victimsSealed!: string;

  @Column({ name: 'hospital', type: 'text', nullable: true })
  hospital!: string | null;

  @Column({ name: 'retaliation_risk', type: 'text' })
  retaliationRisk!: IncidentRecord['retaliationRisk'];

  @Column({ name: 'narrative_sealed', type: 'text', nullable: true })
  narrativeSealed!: string | null;

  @Column({ name: 'requested_response', type: 'text', nullable: true })
  requestedResponse!: string | null;

  @Column({ name: 'case_number_sealed', type: 'text', nullable: true })
  caseNumberSealed!: string | null;

  @Column({ name: 'other_names_sealed', type: 'text' })
  otherNamesSealed!: string;

  /** The key that sealed the row's values, so the re-encryption pass finds what is left by index. */
  @Column({ name: 'key_id', type: 'text' })
  keyId!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  /** The full record, with its personal fields as opened by the service (openIncident). */
  toRecord(personal: IncidentPersonalData): IncidentRecord {
    return {
      type: this.type,
      occurredAt: this.occurredAt,
      location: {
        latitude: this.latitude,
        longitude: this.longitude,
        ...(personal.houseNumber ? { houseNumber: personal.houseNumber } : {}),
        street: personal.street,
        serviceArea: this.serviceArea,
      },
      victims: personal.victims,
      hospital: this.hospital,
      retaliationRisk: this.retaliationRisk,
      narrative: personal.narrative,
      requestedResponse: this.requestedResponse,
      caseNumber: personal.caseNumber,
      otherNames: personal.otherNames,
    };
  }
}
