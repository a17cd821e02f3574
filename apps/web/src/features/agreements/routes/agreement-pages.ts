/** The agreements screens, as one lazily loaded chunk (see agreement-routes.tsx). */
export { AgreementPage } from './AgreementPage';
export { AgreementsPage } from './AgreementsPage';
