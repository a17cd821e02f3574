/** What the app shell takes from the service-areas feature (features never import each other). */
export { serviceAreasRoutes } from './routes/service-area-routes';
export { serviceAreasEn, serviceAreasEs } from './i18n/service-areas.strings';
