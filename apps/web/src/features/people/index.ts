/** What the app shell takes from the people feature (features never import each other). */
export { peopleRoutes } from './routes/people-routes';
/** This area's strings, fetched with its first screen (app/i18n.ts): not in the first script a phone loads. */
export const loadPeopleStrings = () =>
  import('./i18n/people.strings').then((strings) => ({ en: strings.peopleEn, es: strings.peopleEs }));
