/** What the app shell takes from the concerns feature (features never import each other). */
export { concernsRoutes } from './routes/concern-routes';
/** This area's strings, fetched with its first screen (app/i18n.ts): not in the first script a phone loads. */
export const loadConcernsStrings = () =>
  import('./i18n/concerns.strings').then((strings) => ({ en: strings.concernsEn, es: strings.concernsEs }));
