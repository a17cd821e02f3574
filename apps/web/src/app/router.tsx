import { createBrowserRouter } from 'react-router';
import { agreementsRoutes } from '@/features/agreements';
import { ChangePasswordPage, EnrollPage, SignInPage } from '@/features/auth';
import { concernsRoutes } from '@/features/concerns';
import { boardRoutes } from '@/features/board';
import { InboxRoutes } from '@/features/inbox';
import { incidentsRoutes } from '@/features/incidents';
import { peopleRoutes } from '@/features/people';
import {
  myReferralsRoutes,
  newReferralRoutes,
  sentReferralsRoutes,
  teamReferralsRoutes,
  triageRoutes,
} from '@/features/referrals';
import { serviceAreasRoutes } from '@/features/service-areas';
import { webhooksRoutes } from '@/features/webhooks';
import { AppShellLayout } from './AppShellLayout';
import { HomePage } from './HomePage';
import { LandingRedirect } from './LandingRedirect';
import { NotFoundPage } from './NotFoundPage';
import { RequireSession } from './RequireSession';

/**
 * Every client route. The server answers `index.html` for any path outside /api and /health, so
 * each of these works as a link (e-mails link to /inbox and /enroll#token=…).
 */
export const router = createBrowserRouter([
  { path: '/sign-in', element: <SignInPage /> },
  { path: '/enroll', element: <EnrollPage /> },
  {
    element: (
      <RequireSession>
        <AppShellLayout />
      </RequireSession>
    ),
    children: [
      { index: true, element: <LandingRedirect /> },
      { path: 'home', element: <HomePage /> },
      { path: 'account/password', element: <ChangePasswordPage /> },
      // The outreach worker's inbox (list, alert pages, live stream): features/inbox.
      { path: 'inbox/*', element: <InboxRoutes /> },
      // features/referrals: the worker's referrals, the program manager's triage and team view.
      { path: 'referrals/mine', children: myReferralsRoutes },
      { path: 'referrals/team', children: teamReferralsRoutes },
      { path: 'triage', children: triageRoutes },
      // features/referrals, the police side: the liaison's sent referrals and the referral form.
      { path: 'referrals/sent', children: sentReferralsRoutes },
      { path: 'referrals/new', children: newReferralRoutes },
      // A program manager's community concern to the police (two-way agreements): features/concerns.
      { path: 'concerns', children: concernsRoutes },
      // The police liaison's incidents and what became of each disclosure: features/incidents.
      { path: 'incidents', children: incidentsRoutes },
      // The org admin's agreements with the other party: features/agreements.
      { path: 'agreements', children: agreementsRoutes },
      // The org admin's people and webhooks: features/people, features/webhooks.
      { path: 'people', children: peopleRoutes },
      { path: 'webhooks', children: webhooksRoutes },
      // The org admin's service areas (GeoJSON upload, preview on the map): features/service-areas.
      { path: 'service-areas', children: serviceAreasRoutes },
      // The partnership board's dashboard, audit trail, verification and meeting pack: features/board.
      { path: 'board', children: boardRoutes },
    ],
  },
  { path: '*', element: <NotFoundPage /> },
]);
