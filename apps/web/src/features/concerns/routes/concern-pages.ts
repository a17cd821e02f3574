/** The concerns screens, as one lazily loaded chunk (see concern-routes.tsx). */
export { SendConcernPage } from './SendConcernPage';
