/** What the app shell takes from the incidents feature (features never import each other). */
export { incidentsRoutes } from './routes/incident-routes';
/** This area's strings, fetched with its first screen (app/i18n.ts): not in the first script a phone loads. */
export const loadIncidentsStrings = () =>
  import('./i18n/incidents.strings').then((strings) => ({ en: strings.incidentsEn, es: strings.incidentsEs }));
