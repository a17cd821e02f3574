import { loadAgreementsStrings } from '@/features/agreements';
import { authEn, authEs } from '@/features/auth';
import { loadBoardStrings } from '@/features/board';
import { loadConcernsStrings } from '@/features/concerns';
import { inboxEn, inboxEs } from '@/features/inbox';
import { loadIncidentsStrings } from '@/features/incidents';
import { loadPeopleStrings } from '@/features/people';
import { loadReferralsStrings } from '@/features/referrals';
import { loadServiceAreasStrings } from '@/features/service-areas';
import { loadWebhooksStrings } from '@/features/webhooks';
import { commonEn, commonEs } from '@/lib/i18n/common.strings';
import { errorsEn, errorsEs } from '@/lib/i18n/errors.strings';
import { createI18n, type LazyBundles } from '@/lib/i18n/i18n';

/**
 * The namespaces in the first script: the shell, errors, signing in, and the outreach worker's inbox
 * — what a phone on a slow network needs first (issue 17 item 6: the inbox route's JavaScript).
 */
export const bundles = {
  common: { en: commonEn, es: commonEs },
  errors: { en: errorsEn, es: errorsEs },
  auth: { en: authEn, es: authEs },
  inbox: { en: inboxEn, es: inboxEs },
};

/** Every other area's strings, fetched when a screen first asks for them (the screen waits, like its code). */
export const lazyBundles: LazyBundles = {
  referrals: loadReferralsStrings,
  incidents: loadIncidentsStrings,
  concerns: loadConcernsStrings,
  agreements: loadAgreementsStrings,
  people: loadPeopleStrings,
  webhooks: loadWebhooksStrings,
  serviceAreas: loadServiceAreasStrings,
  board: loadBoardStrings,
};

export const i18n = createI18n(bundles, lazyBundles);
