import { agreementsEn, agreementsEs } from '@/features/agreements';
import { authEn, authEs } from '@/features/auth';
import { boardEn, boardEs } from '@/features/board';
import { concernsEn, concernsEs } from '@/features/concerns';
import { inboxEn, inboxEs } from '@/features/inbox';
import { incidentsEn, incidentsEs } from '@/features/incidents';
import { peopleEn, peopleEs } from '@/features/people';
import { referralsEn, referralsEs } from '@/features/referrals';
import { serviceAreasEn, serviceAreasEs } from '@/features/service-areas';
import { webhooksEn, webhooksEs } from '@/features/webhooks';
import { commonEn, commonEs } from '@/lib/i18n/common.strings';
import { errorsEn, errorsEs } from '@/lib/i18n/errors.strings';
import { createI18n } from '@/lib/i18n/i18n';

/** Every namespace, per language. A feature adds its own here (its strings live in its folder). */
export const bundles = {
  common: { en: commonEn, es: commonEs },
  errors: { en: errorsEn, es: errorsEs },
  auth: { en: authEn, es: authEs },
  referrals: { en: referralsEn, es: referralsEs },
  inbox: { en: inboxEn, es: inboxEs },
  incidents: { en: incidentsEn, es: incidentsEs },
  concerns: { en: concernsEn, es: concernsEs },
  agreements: { en: agreementsEn, es: agreementsEs },
  people: { en: peopleEn, es: peopleEs },
  webhooks: { en: webhooksEn, es: webhooksEs },
  serviceAreas: { en: serviceAreasEn, es: serviceAreasEs },
  board: { en: boardEn, es: boardEs },
};

export const i18n = createI18n(bundles);
