import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import '../referrals.css';

// The pages are one chunk, loaded on the first visit to a referrals screen (the inbox loads none of it).
const pages = () => import('./referral-pages');
const MyReferralsPage = lazy(() => pages().then((m) => ({ default: m.MyReferralsPage })));
const ReferralPage = lazy(() => pages().then((m) => ({ default: m.ReferralPage })));
const TeamReferralsPage = lazy(() => pages().then((m) => ({ default: m.TeamReferralsPage })));
const TriagePage = lazy(() => pages().then((m) => ({ default: m.TriagePage })));
const NewReferralPage = lazy(() => pages().then((m) => ({ default: m.NewReferralPage })));
const SentReferralPage = lazy(() => pages().then((m) => ({ default: m.SentReferralPage })));
const SentReferralsPage = lazy(() => pages().then((m) => ({ default: m.SentReferralsPage })));

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

/** `/referrals/sent/*`: the police liaison's sent referrals and each one's page. */
export const sentReferralsRoutes: RouteObject[] = [
  { index: true, element: <SentReferralsPage /> },
  { path: ':referralId', element: <SentReferralPage /> },
];

/** `/referrals/new`: the police liaison refers a person. */
export const newReferralRoutes: RouteObject[] = [{ index: true, element: <NewReferralPage /> }];
