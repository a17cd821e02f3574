/** What the app shell takes from the concerns feature (features never import each other). */
export { concernsRoutes } from './routes/concern-routes';
export { concernsEn, concernsEs } from './i18n/concerns.strings';
