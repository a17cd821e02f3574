/** What the app shell takes from the agreements feature (features never import each other). */
export { agreementsRoutes } from './routes/agreement-routes';
export { agreementsEn, agreementsEs } from './i18n/agreements.strings';
