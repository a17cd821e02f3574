/** What the app shell takes from the referrals feature (features never import each other). */
export {
  myReferralsRoutes,
  newReferralRoutes,
  sentReferralsRoutes,
  teamReferralsRoutes,
  triageRoutes,
} from './routes/referral-routes';
/** This area's strings, fetched with its first screen (app/i18n.ts): not in the first script a phone loads. */
export const loadReferralsStrings = () =>
  import('./i18n/referrals.strings').then((strings) => ({ en: strings.referralsEn, es: strings.referralsEs }));
