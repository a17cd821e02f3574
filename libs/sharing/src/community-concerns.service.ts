import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AgreementsService } from '@accord/agreements';
import { agreementStream, AuditService, auditCallerOf } from '@accord/audit';
import { inTransaction } from '@accord/database';
import { organizationNames } from '@accord/identity';
import { DomainException, ErrorCode, notFound } from '@accord/http';
import { Action, type AuthContext } from '@accord/policy';
import type { CreateConcernDto, SentConcernListDto } from './community-concern.dto';
import { Disclosure } from './disclosure.entity';
import { DisclosuresService } from './disclosures.service';
import { identifiersFound, redactIdentifiers, screenForIdentifiers } from './identifier-screening';

/**
 * Community concerns (partner → police): area-level, never identifying. Sent only under a
 * `community_concern` flow of the active version; the narrative is screened for identifiers like
 * an incident narrative (refused with the findings, or redacted when the sender asks). A refused
 * attempt under an agreement without such a flow is audited as denied.
 */
@Injectable()
export class CommunityConcernsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly agreements: AgreementsService,
    private readonly disclosures: DisclosuresService,
  ) {}

  async send(
    auth: AuthContext,
    dto: CreateConcernDto,
  ): Promise<{ disclosureId: string; fieldsReleased: string[]; fieldsWithheld: string[] }> {
    return inTransaction(this.dataSource, async (tx) => {
      const resolution = await this.agreements.resolveFlows(tx, auth, {
        agreementId: dto.agreementId,
        category: 'community_concern',
        from: 'partner',
        permission: { action: Action.Create, subjectType: 'Disclosure' },
      });
      if (!resolution.agreement || (!resolution.ok && resolution.reason === 'NOT_A_PARTY')) throw notFound('Agreement');
      const version = resolution.agreement;
      const base = {
        stream: agreementStream(version.agreementId),
        ...auditCallerOf(auth),
        agreementId: version.agreementId,
        agreementVersion: version.version,
      };
      if (!resolution.ok) {
        const noFlow = resolution.reason === 'NO_FLOW';
        // Kept on the record once this transaction has rolled back.
        throw this.audit.refusal(
          {
            ...base,
            action: 'community_concern.create',
            subjectType: 'Disclosure',
            subjectId: null,
            outcome: 'denied',
            reason: noFlow ? 'NO_CONCERN_FLOW' : 'ROLE_NOT_IN_FLOW',
          },
          new DomainException(
            ErrorCode.Forbidden,
            noFlow
              ? 'This agreement has no community-concern flow (it is one-way)'
              : 'Your role may not send community concerns',
          ),
        );
      }
      const flow = resolution.flows[0]!;
      const payload: Record<string, unknown> = {};
      const released: string[] = [];
      const withheld: string[] = [];
      let redactions = 0;
      const put = (field: string, value: unknown) => {
        if (value === undefined) return;
        if (flow.fields[field] === undefined || flow.fields[field] === 'none') {
          withheld.push(field);
          return;
        }
        payload[field] = value;
        released.push(field);
      };
      put('concernType', dto.concernType);
      put('area', dto.area);
      put(
        'occurredAt',
        flow.fields.occurredAt === 'day'
          ? dto.occurredAt.slice(0, 10)
          : `${new Date(dto.occurredAt).toISOString().slice(0, 13)}:00:00.000Z`,
      );
      if (dto.narrative !== undefined) {
        const findings = screenForIdentifiers(dto.narrative, { namesOnRecord: [], caseNumbers: [] });
        if (findings.length > 0 && !dto.redact) {
          // Kept on the record once this transaction has rolled back (the number of findings, never what they were).
          throw this.audit.refusal(
            {
              ...base,
              action: 'community_concern.create',
              subjectType: 'Disclosure',
              subjectId: null,
              outcome: 'denied',
              reason: 'IDENTIFIERS_FOUND',
              details: { findings: findings.length },
            },
            identifiersFound('The narrative holds identifiers; remove them or send with redaction', [
              { field: 'narrative', findings },
            ]),
          );
        }
        redactions = findings.length;
        put('narrative', findings.length > 0 ? redactIdentifiers(dto.narrative, findings) : dto.narrative);
      }
      put('requestedAction', dto.requestedAction);
      const { disclosureId, entry } = await this.disclosures.disclose(tx, auth, {
        agreementId: version.agreementId,
        agreementVersion: version.version,
        flow,
        senderOrgId: auth.orgId,
        recipientOrgId: resolution.recipientOrgId,
        sourceType: 'concern',
        // The concern has no record beyond what is sent: its own id names it.
        sourceId: randomUUID(),
        payload,
        fieldsReleased: released,
        fieldsWithheld: withheld,
        details: { redactions },
      });
      await this.audit.record(tx, entry);
      return { disclosureId, fieldsReleased: released, fieldsWithheld: withheld };
    });
  }

  /**
   * The concerns the caller's organization sent, newest first (at most 100): the recipient by name, the
   * sender's own type and area while the payload is kept, and the timing of the acknowledgement. It opens
   * nothing sealed and nothing of the recipient's, so it is not audited.
   */
  async sent(auth: AuthContext): Promise<SentConcernListDto> {
    const rows = await this.dataSource.manager.find(Disclosure, {
      where: { category: 'community_concern', senderOrgId: auth.orgId },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: 100,
    });
    const names = await organizationNames(this.dataSource.manager, [...new Set(rows.map((d) => d.recipientOrgId))]);
    const text = (value: unknown) => (typeof value === 'string' ? value : null);
    return {
      items: rows.map((d) => ({
        disclosureId: d.id,
        agreementId: d.agreementId,
        recipientOrgName: names.get(d.recipientOrgId) ?? '',
        concernType: text(d.payload?.concernType),
        area: text(d.payload?.area),
        sentAt: d.createdAt,
        ackDueAt: d.ackDueAt,
        acknowledgedAt: d.acknowledgedAt,
        slaMet: d.slaMet,
        escalatedAt: d.escalatedAt,
      })),
    };
  }
}
