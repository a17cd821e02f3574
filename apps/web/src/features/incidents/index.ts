/** What the app shell takes from the incidents feature (features never import each other). */
export { incidentsRoutes } from './routes/incident-routes';
export { incidentsEn, incidentsEs } from './i18n/incidents.strings';
