import type { components } from '@/api/schema';
// The lifecycle table the API itself enforces (a plain module without imports): the buttons offer
// the steps the API would take from this person now. The API still decides; a refusal (409, e.g.
// someone moved it meanwhile) is shown in plain words.
import { checkTransition, type Mover, PARTNER_TARGETS } from '../../../../../../libs/referrals/src/referral-lifecycle';
import type { ReferralStatus } from './referral-views';

type Role = components['schemas']['Role'];
export type Step = components['schemas']['TransitionReferralDto']['to'];

/** Who the API takes the person to be on a received referral: a program manager, else the assigned worker. */
export function moverFor(roles: readonly Role[]): Mover {
  return roles.includes('program_manager') ? 'manager' : 'assignee';
}

/**
 * The steps the person may take from `status`, outcomes first: a step back onto the same state
 * (another contact attempt, re-assignment) comes last.
 */
export function nextSteps(status: ReferralStatus, roles: readonly Role[]): Step[] {
  const mover = moverFor(roles);
  const steps = PARTNER_TARGETS.filter((to): to is Step => to !== 'sent' && checkTransition(status, to, mover).ok);
  return [...steps.filter((to) => to !== status), ...steps.filter((to) => to === status)];
}
