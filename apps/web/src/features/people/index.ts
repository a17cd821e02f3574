/** What the app shell takes from the people feature (features never import each other). */
export { peopleRoutes } from './routes/people-routes';
export { peopleEn, peopleEs } from './i18n/people.strings';
