/** The people screens, as one lazily loaded chunk (see people-routes.tsx). */
export { PeoplePage } from './PeoplePage';
export { PersonPage } from './PersonPage';
