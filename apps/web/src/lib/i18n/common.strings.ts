import type { Translation } from './i18n';
import { plainDiffEn, plainDiffEs } from './plain-diff.strings';

/** Strings shared by the app shell and the shared components (namespace `common`). */
export const commonEn = {
  appName: 'Accord',
  tagline: 'Information sharing between police and community violence intervention partners, as agreed.',
  language: { label: 'Language', en: 'English', es: 'Español' },
  loading: 'Loading…',
  loadingPage: 'Loading the page…',
  skipToContent: 'Skip to main content',
  header: { account: '{{name}}: account menu', signedInAs: 'Signed in as {{name}}' },
  nav: {
    main: 'Main',
    home: 'Home',
    inbox: 'Inbox',
    triage: 'Triage',
    teamReferrals: 'Team referrals',
    myReferrals: 'My referrals',
    incidents: 'Incidents',
    sentReferrals: 'Sent referrals',
    sendConcern: 'Send a concern',
    agreements: 'Agreements',
    people: 'People',
    webhooks: 'Webhooks',
    serviceAreas: 'Service areas',
    board: 'Board',
    password: 'Change password',
  },
  roles: {
    org_admin: 'Organization admin',
    police_liaison: 'Police liaison',
    program_manager: 'Program manager',
    outreach_worker: 'Outreach worker',
    board_member: 'Board member',
    platform_operator: 'Platform operator',
  },
  home: {
    title: 'Welcome, {{name}}',
    intro: 'You are signed in to Accord.',
    introWithOrganization: 'You are signed in to Accord for {{organization}}.',
    yourRoles: 'Your roles',
  },
  notFound: { title: 'Page not found', body: 'There is nothing at this address.', back: 'Go to the start page' },
  reauth: {
    title: 'Confirm it is you',
    body: 'This step needs your password and a current code from your authenticator app again.',
    password: 'Password',
    code: 'Code from your authenticator app',
    confirm: 'Confirm',
    cancel: 'Cancel',
  },
  form: { required: 'Required', codeFormat: 'Enter the 6 digits shown in your authenticator app' },
  plainDiff: plainDiffEn,
} as const;

export const commonEs: Translation<typeof commonEn> = {
  appName: 'Accord',
  tagline:
    'Intercambio de información entre la policía y los programas comunitarios de intervención en la violencia, ' +
    'según lo acordado.',
  language: { label: 'Idioma', en: 'English', es: 'Español' },
  loading: 'Cargando…',
  loadingPage: 'Cargando la página…',
  skipToContent: 'Saltar al contenido principal',
  header: { account: '{{name}}: menú de la cuenta', signedInAs: 'Sesión iniciada como {{name}}' },
  nav: {
    main: 'Principal',
    home: 'Inicio',
    inbox: 'Bandeja de entrada',
    triage: 'Clasificación',
    teamReferrals: 'Remisiones del equipo',
    myReferrals: 'Mis remisiones',
    incidents: 'Incidentes',
    sentReferrals: 'Remisiones enviadas',
    sendConcern: 'Enviar una inquietud',
    agreements: 'Acuerdos',
    people: 'Personas',
    webhooks: 'Webhooks',
    serviceAreas: 'Zonas de servicio',
    board: 'Junta',
    password: 'Cambiar contraseña',
  },
  roles: {
    org_admin: 'Administrador de la organización',
    police_liaison: 'Enlace policial',
    program_manager: 'Gerente de programa',
    outreach_worker: 'Trabajador de calle',
    board_member: 'Miembro de la junta',
    platform_operator: 'Operador de la plataforma',
  },
  home: {
    title: 'Le damos la bienvenida, {{name}}',
    intro: 'Ha iniciado sesión en Accord.',
    introWithOrganization: 'Ha iniciado sesión en Accord para {{organization}}.',
    yourRoles: 'Sus funciones',
  },
  notFound: { title: 'Página no encontrada', body: 'No hay nada en esta dirección.', back: 'Ir a la página de inicio' },
  reauth: {
    title: 'Confirme que es usted',
    body: 'Este paso requiere de nuevo su contraseña y un código actual de su aplicación de autenticación.',
    password: 'Contraseña',
    code: 'Código de su aplicación de autenticación',
    confirm: 'Confirmar',
    cancel: 'Cancelar',
  },
  form: { required: 'Obligatorio', codeFormat: 'Escriba los 6 dígitos que muestra su aplicación de autenticación' },
  plainDiff: plainDiffEs,
};

declare module 'i18next' {
  interface ResourceNamespaceMap {
    common: typeof commonEn;
  }
  interface CustomTypeOptions {
    defaultNS: 'common';
  }
}
