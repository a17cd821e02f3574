/** The referrals screens, as one lazily loaded chunk (see referral-routes.tsx). */
export { MyReferralsPage } from './MyReferralsPage';
export { ReferralPage } from './ReferralPage';
export { TeamReferralsPage } from './TeamReferralsPage';
export { TriagePage } from './TriagePage';
export { NewReferralPage } from './NewReferralPage';
export { SentReferralPage } from './SentReferralPage';
export { SentReferralsPage } from './SentReferralsPage';
