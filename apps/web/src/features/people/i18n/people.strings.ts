import type { Translation } from '@/lib/i18n/i18n';

/** The people feature's words (namespace `people`): the org admin's people and their accounts. */
export const peopleEn = {
  list: {
    title: 'People',
    intro: 'Everyone in your organization, their roles and the state of their account. Open a person to manage it.',
    heading: 'Your organization’s people',
    manage: 'Manage {{name}}',
    you: 'You',
    empty: 'Nobody yet.',
  },
  state: { invited: 'Invited', active: 'Active', disabled: 'Disabled', locked: 'Locked' },
  invite: {
    title: 'Invite a person',
    intro:
      'Accord e-mails the person a one-time link to choose a password and set up their authenticator app. The link ' +
      'goes to their own address only: you never see it.',
    name: 'Name',
    nameHint: 'How colleagues know them (optional)',
    nameInvalid: 'Use 1 to 100 characters, without line breaks',
    email: 'E-mail address',
    emailInvalid: 'Enter an e-mail address, such as name@example.org',
    emailTaken: 'Someone with this e-mail address already has an account',
    roles: 'Roles',
    rolesHint: 'Only the roles your organization may hand out.',
    rolesRequired: 'Choose at least one role',
    roleNotAllowed: 'Your organization cannot hand out this role',
    submit: 'Send invitation',
    sent: 'Invitation sent to {{email}}. The link works once, until {{expires}}.',
    notSent:
      '{{email}} was invited, but no e-mail left: this Accord has no e-mail server, or the server refused the ' +
      'message. They cannot enroll until a link reaches them; once e-mail works, reset their sign-in to send a ' +
      'new one.',
  },
  person: {
    back: 'All people',
    email: 'E-mail',
    state: 'Account',
    invitedOn: 'Invited {{date}}',
    unnamed: 'No name given',
  },
  roles: {
    title: 'Roles',
    intro: 'Saving a change asks for your password and a fresh code again.',
    legend: 'Roles of {{name}}',
    save: 'Save roles',
    saved: 'Roles saved.',
    required: 'Choose at least one role',
    ownAdmin: 'You cannot remove your own admin role; another admin can.',
    secondAdmin: 'Another admin of your organization has to give you this role.',
  },
  account: {
    title: 'Account',
    self: 'This is your own account: another admin disables or resets it.',
    lockedNote: 'Locked after five failed sign-in attempts in a row. Release it once you know it was them.',
    invitedNote: 'Enrollment is not finished yet. Resetting the sign-in sends a new link.',
    disable: 'Disable account',
    disableTitle: 'Disable {{name}}’s account?',
    disableBody: 'They are signed out everywhere at once and cannot sign in until you enable the account again.',
    disableConfirm: 'Disable',
    disabled: 'Account disabled: every session of theirs has ended.',
    enable: 'Enable account',
    enabled: 'Account enabled.',
    release: 'Release lockout',
    released: 'Lockout released: they can sign in again.',
    reset: 'Reset sign-in',
    resetTitle: 'Reset {{name}}’s sign-in?',
    resetBody:
      'Their password and authenticator app are removed and they are signed out everywhere. Accord e-mails them a ' +
      'new one-time link to set both up again.',
    resetConfirm: 'Reset',
    resetSent: 'Sign-in reset. A new link was e-mailed to {{email}}; it works once, until {{expires}}.',
    resetNotSent:
      'Sign-in reset, but no e-mail left: this Accord has no e-mail server, or the server refused the message. ' +
      'Reset again once e-mail works.',
    cancel: 'Cancel',
  },
  history: {
    title: 'History',
    intro: 'The latest audited events of this account, newest first.',
    empty: 'Nothing recorded yet.',
    unknown: 'Event {{code}}',
    event: {
      invited: 'Invited',
      passwordChosen: 'Chose a password',
      enrolled: 'Finished enrollment',
      signedIn: 'Signed in',
      signInFailed: 'Failed sign-in attempt: {{reason}}',
      passwordChanged: 'Changed their password',
      locked: 'Locked after repeated failed sign-ins',
      lockoutReleased: 'Lockout released',
      disabled: 'Account disabled',
      enabled: 'Account enabled',
      reset: 'Sign-in reset',
      rolesChanged: 'Roles changed from {{from}} to {{to}}',
    },
    failure: {
      INVALID_CREDENTIALS: 'wrong password',
      TOTP_INVALID: 'wrong code',
      ACCOUNT_LOCKED: 'the account was locked',
      ACCOUNT_DISABLED: 'the account was disabled',
      NOT_ENROLLED: 'enrollment was not finished',
      other: 'refused',
    },
    actor: {
      you: 'by you',
      person: 'by them',
      colleague: 'by {{name}}',
      colleagueUnnamed: 'by a colleague',
      operator: 'by the platform operator',
      system: 'by Accord',
    },
    noRoles: 'no role',
  },
};

export const peopleEs: Translation<typeof peopleEn> = {
  list: {
    title: 'Personas',
    intro:
      'Todas las personas de su organización, sus funciones y el estado de su cuenta. Abra una persona para ' +
      'gestionarla.',
    heading: 'Las personas de su organización',
    manage: 'Gestionar a {{name}}',
    you: 'Usted',
    empty: 'Todavía no hay nadie.',
  },
  state: { invited: 'Invitada', active: 'Activa', disabled: 'Desactivada', locked: 'Bloqueada' },
  invite: {
    title: 'Invitar a una persona',
    intro:
      'Accord envía a la persona un enlace de un solo uso para elegir una contraseña y configurar su aplicación ' +
      'de autenticación. El enlace va solo a su propia dirección: usted nunca lo ve.',
    name: 'Nombre',
    nameHint: 'Cómo la conocen sus colegas (opcional)',
    nameInvalid: 'Use de 1 a 100 caracteres, sin saltos de línea',
    email: 'Correo electrónico',
    emailInvalid: 'Escriba un correo electrónico, como nombre@ejemplo.org',
    emailTaken: 'Ya existe una cuenta con este correo electrónico',
    roles: 'Funciones',
    rolesHint: 'Solo las funciones que su organización puede asignar.',
    rolesRequired: 'Elija al menos una función',
    roleNotAllowed: 'Su organización no puede asignar esta función',
    submit: 'Enviar invitación',
    sent: 'Invitación enviada a {{email}}. El enlace funciona una sola vez, hasta el {{expires}}.',
    notSent:
      '{{email}} fue invitada, pero no salió ningún correo: este Accord no tiene servidor de correo, o el servidor ' +
      'rechazó el mensaje. No podrá registrarse hasta que le llegue un enlace; cuando el correo funcione, ' +
      'restablezca su acceso para enviar uno nuevo.',
  },
  person: {
    back: 'Todas las personas',
    email: 'Correo electrónico',
    state: 'Cuenta',
    invitedOn: 'Invitada el {{date}}',
    unnamed: 'Sin nombre',
  },
  roles: {
    title: 'Funciones',
    intro: 'Al guardar un cambio se le pedirán de nuevo su contraseña y un código nuevo.',
    legend: 'Funciones de {{name}}',
    save: 'Guardar funciones',
    saved: 'Funciones guardadas.',
    required: 'Elija al menos una función',
    ownAdmin: 'No puede quitarse su propia función de administrador; otro administrador sí puede.',
    secondAdmin: 'Otro administrador de su organización tiene que darle esta función.',
  },
  account: {
    title: 'Cuenta',
    self: 'Esta es su propia cuenta: otro administrador la desactiva o restablece.',
    lockedNote:
      'Bloqueada tras cinco intentos fallidos seguidos de inicio de sesión. Desbloquéela cuando sepa que fue ' +
      'esa persona.',
    invitedNote: 'El registro aún no ha terminado. Restablecer el acceso envía un enlace nuevo.',
    disable: 'Desactivar la cuenta',
    disableTitle: '¿Desactivar la cuenta de {{name}}?',
    disableBody:
      'Se cerrarán al instante todas sus sesiones y no podrá iniciar sesión hasta que usted vuelva a activar la ' +
      'cuenta.',
    disableConfirm: 'Desactivar',
    disabled: 'Cuenta desactivada: todas sus sesiones han terminado.',
    enable: 'Activar la cuenta',
    enabled: 'Cuenta activada.',
    release: 'Desbloquear',
    released: 'Cuenta desbloqueada: ya puede iniciar sesión.',
    reset: 'Restablecer el acceso',
    resetTitle: '¿Restablecer el acceso de {{name}}?',
    resetBody:
      'Se eliminan su contraseña y su aplicación de autenticación y se cierran todas sus sesiones. Accord le ' +
      'envía un nuevo enlace de un solo uso para configurar ambas de nuevo.',
    resetConfirm: 'Restablecer',
    resetSent:
      'Acceso restablecido. Se envió un enlace nuevo a {{email}}; funciona una sola vez, hasta el {{expires}}.',
    resetNotSent:
      'Acceso restablecido, pero no salió ningún correo: este Accord no tiene servidor de correo, o el servidor ' +
      'rechazó el mensaje. Restablézcalo de nuevo cuando el correo funcione.',
    cancel: 'Cancelar',
  },
  history: {
    title: 'Historial',
    intro: 'Los últimos eventos auditados de esta cuenta, del más reciente al más antiguo.',
    empty: 'Todavía no hay nada registrado.',
    unknown: 'Evento {{code}}',
    event: {
      invited: 'Invitada',
      passwordChosen: 'Eligió una contraseña',
      enrolled: 'Terminó el registro',
      signedIn: 'Inició sesión',
      signInFailed: 'Intento fallido de inicio de sesión: {{reason}}',
      passwordChanged: 'Cambió su contraseña',
      locked: 'Bloqueada tras varios intentos fallidos',
      lockoutReleased: 'Desbloqueada',
      disabled: 'Cuenta desactivada',
      enabled: 'Cuenta activada',
      reset: 'Acceso restablecido',
      rolesChanged: 'Funciones cambiadas de {{from}} a {{to}}',
    },
    failure: {
      INVALID_CREDENTIALS: 'contraseña incorrecta',
      TOTP_INVALID: 'código incorrecto',
      ACCOUNT_LOCKED: 'la cuenta estaba bloqueada',
      ACCOUNT_DISABLED: 'la cuenta estaba desactivada',
      NOT_ENROLLED: 'el registro no había terminado',
      other: 'rechazado',
    },
    actor: {
      you: 'por usted',
      person: 'por esa persona',
      colleague: 'por {{name}}',
      colleagueUnnamed: 'por un colega',
      operator: 'por el operador de la plataforma',
      system: 'por Accord',
    },
    noRoles: 'ninguna función',
  },
};

declare module 'i18next' {
  interface ResourceNamespaceMap {
    people: typeof peopleEn;
  }
}
