/** What the app shell takes from the service-areas feature (features never import each other). */
export { serviceAreasRoutes } from './routes/service-area-routes';
/** This area's strings, fetched with its first screen (app/i18n.ts): not in the first script a phone loads. */
export const loadServiceAreasStrings = () =>
  import('./i18n/service-areas.strings').then((strings) => ({
    en: strings.serviceAreasEn,
    es: strings.serviceAreasEs,
  }));
