import { OrgKind, Role } from '@accord/policy';

/** Who is told when a recipient organization let an acknowledgement deadline pass, and how. */
export interface EscalationAudience {
  /** The role whose active members of the recipient organization are told. */
  role: Role;
  /**
   * Whether the disclosure also goes into their inbox. Only for a role that reads what it is told
   * about; one that may not read shared content gets the content-free e-mail alone.
   */
  addToInbox: boolean;
}

/**
 * The escalation audience, one rule keyed by the recipient organization's kind (docs/sharing.md,
 * "Escalation"). A partner program escalates to its program managers, who read and triage its
 * alerts. A police department holds no supervising content role (roles.ts, ROLES_BY_ORG_KIND: its
 * liaisons are the audience that missed the deadline, its board members review afterwards), so its
 * org admins — who answer for the department's people under the agreement they signed — are told,
 * by e-mail only: they may not read the concern, and escalating gives them no right to.
 */
export function escalationAudienceOf(kind: OrgKind): EscalationAudience | null {
  switch (kind) {
    case OrgKind.Police:
      return { role: Role.OrgAdmin, addToInbox: false };
    case OrgKind.Community:
    case OrgKind.Hospital:
    case OrgKind.City:
      return { role: Role.ProgramManager, addToInbox: true };
    case OrgKind.Platform:
      // Never party to an agreement, so never a recipient.
      return null;
  }
}
