/** What the app shell takes from the referrals feature (features never import each other). */
export {
  myReferralsRoutes,
  newReferralRoutes,
  sentReferralsRoutes,
  teamReferralsRoutes,
  triageRoutes,
} from './routes/referral-routes';
export { referralsEn, referralsEs } from './i18n/referrals.strings';
