import type { components } from '@/api/schema';

type Role = components['schemas']['Role'];

export interface NavigationLink {
  to: string;
  label:
    | 'nav.home'
    | 'nav.inbox'
    | 'nav.myReferrals'
    | 'nav.triage'
    | 'nav.teamReferrals'
    | 'nav.incidents'
    | 'nav.sentReferrals'
    | 'nav.sendConcern'
    | 'nav.agreements'
    | 'nav.people'
    | 'nav.webhooks'
    | 'nav.serviceAreas'
    | 'nav.board';
}

/**
 * The header's links for a person's roles. Comfort only: the API decides what each page may show.
 * The inbox, referral and incident screens are built in features/inbox, features/referrals and features/incidents.
 */
export function navigationFor(roles: readonly Role[]): NavigationLink[] {
  const links: NavigationLink[] = [];
  if (roles.includes('outreach_worker'))
    links.push({ to: '/inbox', label: 'nav.inbox' }, { to: '/referrals/mine', label: 'nav.myReferrals' });
  if (roles.includes('program_manager')) {
    links.push({ to: '/triage', label: 'nav.triage' }, { to: '/referrals/team', label: 'nav.teamReferrals' });
    // Managers receive alerts too, and the escalations of those nobody acknowledged in time.
    if (!roles.includes('outreach_worker')) links.push({ to: '/inbox', label: 'nav.inbox' });
    // Two-way agreements: the program tells the police of an area-level concern (features/concerns).
    links.push({ to: '/concerns/new', label: 'nav.sendConcern' });
  }
  // Only the police liaison's role may read incidents (policies/roles.yaml): their own organization's.
  if (roles.includes('police_liaison'))
    links.push(
      { to: '/incidents', label: 'nav.incidents' },
      { to: '/referrals/sent', label: 'nav.sentReferrals' },
      // The partners' community concerns arrive in the liaison's inbox, to acknowledge within their deadline.
      { to: '/inbox', label: 'nav.inbox' },
    );
  // An org admin's agreements with the other party (features/agreements): approvals, amendments, holds.
  if (roles.includes('org_admin')) links.push({ to: '/agreements', label: 'nav.agreements' });
  // The org admin's people and webhooks (features/people, features/webhooks).
  if (roles.includes('org_admin'))
    links.push({ to: '/people', label: 'nav.people' }, { to: '/webhooks', label: 'nav.webhooks' });
  // The org admin's service areas, uploaded as GeoJSON (features/service-areas).
  if (roles.includes('org_admin')) links.push({ to: '/service-areas', label: 'nav.serviceAreas' });
  // The partnership board's workspace (features/board): dashboards, the audit trail, verification, meeting packs.
  if (roles.includes('board_member')) links.push({ to: '/board', label: 'nav.board' });
  if (links.length === 0) links.push({ to: '/home', label: 'nav.home' });
  return links;
}
