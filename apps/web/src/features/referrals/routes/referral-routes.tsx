import type { RouteObject } from 'react-router';
import '../referrals.css';
import { MyReferralsPage } from './MyReferralsPage';
import { ReferralPage } from './ReferralPage';
import { TeamReferralsPage } from './TeamReferralsPage';
import { TriagePage } from './TriagePage';

/** `/referrals/mine/*`: the outreach worker's referrals and each one's page. */
export const myReferralsRoutes: RouteObject[] = [
  { index: true, element: <MyReferralsPage /> },
  { path: ':referralId', element: <ReferralPage place="mine" /> },
];

/** `/triage/*`: the program manager's queue (decide, assign). */
export const triageRoutes: RouteObject[] = [
  { index: true, element: <TriagePage /> },
  { path: ':referralId', element: <ReferralPage place="triage" /> },
];

/** `/referrals/team/*`: every referral of the organization. */
export const teamReferralsRoutes: RouteObject[] = [
  { index: true, element: <TeamReferralsPage /> },
  { path: ':referralId', element: <ReferralPage place="team" /> },
];
