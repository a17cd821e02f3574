/** The service-areas screen, as its own lazily loaded chunk (see service-area-routes.tsx). */
export { ServiceAreasPage } from './ServiceAreasPage';
