import { Injectable } from '@nestjs/common';
import { subject } from '@casl/ability';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService, SYSTEM_STREAM, auditCallerOf } from '@accord/audit';
import { inTransaction } from '@accord/database';
import { DomainException, ErrorCode } from '@accord/http';
import { Action, type AuthContext } from '@accord/policy';
import { ServiceArea } from './service-area.entity';
import { type AreaGeometry, areaContaining, type ServiceAreaCollection, serviceAreaProblem } from './service-areas';

/**
 * An organization's service areas (docs/sharing.md, "Service areas"): read by its members, replaced
 * whole by its admin, and the vocabulary an incident's location is placed in.
 */
@Injectable()
export class ServiceAreasService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** The caller's organization's areas, in the order loaded (empty when none are). */
  async list(auth: AuthContext): Promise<ServiceAreaCollection> {
    if (!auth.ability.can(Action.Read, subject('ServiceArea', { orgId: auth.orgId }) as never))
      throw new DomainException(ErrorCode.Forbidden, 'Your role does not allow this');
    return toCollection(await this.areasOf(this.dataSource.manager, auth.orgId));
  }

  /**
   * Replaces the caller's organization's areas with the collection given, all or nothing: an
   * invalid collection changes nothing and is answered with its first problem. Serialized per
   * organization; the audit entry (how many areas, never their shapes) is the last statement.
   */
  async replace(auth: AuthContext, collection: ServiceAreaCollection): Promise<ServiceAreaCollection> {
    if (!auth.ability.can(Action.Update, subject('ServiceArea', { orgId: auth.orgId }) as never))
      throw new DomainException(ErrorCode.Forbidden, 'Your role does not allow this');
    const problem = serviceAreaProblem(collection);
    if (problem) {
      const where = problem.feature === undefined ? '' : `features[${problem.feature}]: `;
      throw new DomainException(ErrorCode.ServiceAreasInvalid, `${where}${problem.problem}`, { ...problem });
    }
    return inTransaction(this.dataSource, async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('service_areas:' || $1, 0))`, [auth.orgId]);
      await tx.delete(ServiceArea, { orgId: auth.orgId });
      const rows = collection.features.map((f, position) =>
        tx.create(ServiceArea, {
          orgId: auth.orgId,
          code: f.properties.code,
          name: f.properties.name.trim(),
          position,
          geometry: { type: f.geometry.type, coordinates: f.geometry.coordinates } as AreaGeometry,
        }),
      );
      if (rows.length > 0) await tx.insert(ServiceArea, rows);
      // Last statement: counts only.
      await this.audit.record(tx, {
        stream: SYSTEM_STREAM,
        ...auditCallerOf(auth),
        action: 'service_areas.replace',
        subjectType: 'ServiceArea',
        subjectId: auth.orgId,
        outcome: 'success',
        details: { areas: rows.length },
      });
      return toCollection(rows);
    });
  }

  /**
   * The service area an incident at this point is in, for the organization recording it: derived
   * from its areas when it has any (a point outside them all is refused), else the code typed, as
   * before areas existed (docs/sharing.md).
   */
  async placeIncident(
    tx: EntityManager,
    orgId: string,
    location: { latitude: number; longitude: number; serviceArea?: string },
  ): Promise<string> {
    const areas = await this.areasOf(tx, orgId);
    if (areas.length === 0) {
      if (location.serviceArea) return location.serviceArea;
      throw new DomainException(
        ErrorCode.ValidationFailed,
        'location.serviceArea is required while the organization has no service areas loaded',
        { field: 'location.serviceArea' },
      );
    }
    const code = areaContaining(areas, location);
    if (!code)
      throw new DomainException(
        ErrorCode.OutsideServiceAreas,
        "The incident's location lies outside every service area of the organization",
        { field: 'location' },
      );
    return code;
  }

  private areasOf(tx: EntityManager, orgId: string): Promise<ServiceArea[]> {
    return tx.find(ServiceArea, { where: { orgId }, order: { position: 'ASC' } });
  }
}

function toCollection(rows: Pick<ServiceArea, 'code' | 'name' | 'geometry'>[]): ServiceAreaCollection {
  return {
    type: 'FeatureCollection',
    features: rows.map((r) => ({
      type: 'Feature',
      properties: { code: r.code, name: r.name },
      geometry: r.geometry,
    })),
  };
}
