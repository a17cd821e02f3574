/** What the app shell takes from the agreements feature (features never import each other). */
export { agreementsRoutes } from './routes/agreement-routes';
/** This area's strings, fetched with its first screen (app/i18n.ts): not in the first script a phone loads. */
export const loadAgreementsStrings = () =>
  import('./i18n/agreements.strings').then((strings) => ({ en: strings.agreementsEn, es: strings.agreementsEs }));
