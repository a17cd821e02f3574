import type { Translation } from '@/lib/i18n/i18n';

/** The auth feature's words (namespace `auth`). */
export const authEn = {
  fields: {
    email: 'E-mail',
    password: 'Password',
    code: 'Code from your authenticator app',
    codeHint: '6 digits; a new one every 30 seconds',
    newPassword: 'New password',
    confirmPassword: 'Repeat the new password',
    currentPassword: 'Current password',
  },
  validation: {
    email: 'Enter an e-mail address',
    required: 'Required',
    code: 'Enter the 6 digits shown in your authenticator app',
    mismatch: 'The two passwords are not the same',
    tooShort: 'Use at least {{min}} characters',
  },
  signIn: {
    title: 'Sign in to Accord',
    submit: 'Sign in',
    submitting: 'Signing in…',
    expired: 'Your session ended (after 30 minutes without activity, or 12 hours in all). Sign in again to continue.',
    signedOut: 'You are signed out. Nothing from your session is kept in this browser.',
    enrolled: 'Your account is ready. Sign in with your new password and a fresh code from your app.',
    help: 'No account yet? Your organization’s admin sends you an enrollment link.',
  },
  demo: {
    title: 'Demo city accounts',
    intro:
      'This is the embedded demo. Every account below uses the password “{{password}}”. Pick one to fill the ' +
      'form with a current code.',
    journey: {
      'police-liaison': 'Send a shooting notification or a referral',
      'outreach-worker': 'Receive alerts and assigned referrals',
      'program-manager': 'Triage referrals and assign them to a worker',
      'org-admin': 'Manage agreements and people',
      'board-member': 'Review the audit trail and reports (each side)',
    },
  },
  enroll: {
    title: 'Set up your Accord account',
    noToken:
      'This page needs the link from your invitation e-mail. Open that link again, or ask your organization’s ' +
      'admin for a new one.',
    step1: 'Choose a password',
    step2: 'Connect your authenticator app',
    continue: 'Continue',
    scan:
      'Scan this QR code with your authenticator app (for example Google Authenticator, Microsoft Authenticator ' +
      'or FreeOTP).',
    qrAlt: 'QR code to add Accord to your authenticator app',
    manual: 'Cannot scan it? Add an account in the app by hand with this key:',
    confirmCode: 'Then enter the code the app shows for Accord.',
    confirm: 'Confirm and finish',
    done: 'Your account is ready. Sign in with your e-mail, your new password and a code from the app.',
    goToSignIn: 'Go to sign in',
  },
  strength: {
    label: 'Password strength: {{level}}',
    too_short_one: 'too short, 1 more character needed',
    too_short_other: 'too short, {{count}} more characters needed',
    too_long: 'too long, at most {{max}} characters',
    acceptable: 'acceptable',
    good: 'good',
    strong: 'strong',
    hint:
      'Use at least {{min}} characters. A few unrelated words make a long password that is easy to remember. ' +
      'Very common passwords are refused.',
  },
  passwordProblems: {
    too_short: 'The password is too short.',
    too_long: 'The password is too long.',
    common: 'This is a commonly used password; choose another one.',
  },
  password: {
    title: 'Change your password',
    submit: 'Change password',
    changed: 'Your password is changed. Your other sessions were signed out.',
  },
  signOut: 'Sign out',
} as const;

export const authEs: Translation<typeof authEn> = {
  fields: {
    email: 'Correo electrónico',
    password: 'Contraseña',
    code: 'Código de su aplicación de autenticación',
    codeHint: '6 dígitos; uno nuevo cada 30 segundos',
    newPassword: 'Contraseña nueva',
    confirmPassword: 'Repita la contraseña nueva',
    currentPassword: 'Contraseña actual',
  },
  validation: {
    email: 'Escriba una dirección de correo electrónico',
    required: 'Obligatorio',
    code: 'Escriba los 6 dígitos que muestra su aplicación de autenticación',
    mismatch: 'Las dos contraseñas no coinciden',
    tooShort: 'Use al menos {{min}} caracteres',
  },
  signIn: {
    title: 'Iniciar sesión en Accord',
    submit: 'Iniciar sesión',
    submitting: 'Iniciando sesión…',
    expired:
      'Su sesión terminó (tras 30 minutos sin actividad o 12 horas en total). Inicie sesión de nuevo para continuar.',
    signedOut: 'Ha cerrado la sesión. No queda nada de su sesión en este navegador.',
    enrolled: 'Su cuenta está lista. Inicie sesión con su contraseña nueva y un código nuevo de su aplicación.',
    help: '¿Todavía no tiene cuenta? El administrador de su organización le envía un enlace de registro.',
  },
  demo: {
    title: 'Cuentas de la ciudad de demostración',
    intro:
      'Esta es la demostración integrada. Todas las cuentas usan la contraseña «{{password}}». Elija una para ' +
      'rellenar el formulario con un código actual.',
    journey: {
      'police-liaison': 'Enviar una notificación de tiroteo o una remisión',
      'outreach-worker': 'Recibir alertas y remisiones asignadas',
      'program-manager': 'Clasificar remisiones y asignarlas a un trabajador',
      'org-admin': 'Gestionar acuerdos y personas',
      'board-member': 'Revisar el registro de auditoría y los informes (cada parte)',
    },
  },
  enroll: {
    title: 'Configure su cuenta de Accord',
    noToken:
      'Esta página necesita el enlace de su correo de invitación. Abra ese enlace de nuevo o pida uno nuevo al ' +
      'administrador de su organización.',
    step1: 'Elija una contraseña',
    step2: 'Conecte su aplicación de autenticación',
    continue: 'Continuar',
    scan:
      'Escanee este código QR con su aplicación de autenticación (por ejemplo Google Authenticator, Microsoft ' +
      'Authenticator o FreeOTP).',
    qrAlt: 'Código QR para añadir Accord a su aplicación de autenticación',
    manual: '¿No puede escanearlo? Añada una cuenta a mano en la aplicación con esta clave:',
    confirmCode: 'Luego escriba el código que la aplicación muestra para Accord.',
    confirm: 'Confirmar y terminar',
    done:
      'Su cuenta está lista. Inicie sesión con su correo electrónico, su contraseña nueva y un código de la ' +
      'aplicación.',
    goToSignIn: 'Ir a iniciar sesión',
  },
  strength: {
    label: 'Seguridad de la contraseña: {{level}}',
    too_short_one: 'demasiado corta, falta 1 carácter',
    too_short_other: 'demasiado corta, faltan {{count}} caracteres',
    too_long: 'demasiado larga, como máximo {{max}} caracteres',
    acceptable: 'aceptable',
    good: 'buena',
    strong: 'fuerte',
    hint:
      'Use al menos {{min}} caracteres. Unas cuantas palabras sin relación entre sí forman una contraseña larga ' +
      'y fácil de recordar. Las contraseñas muy comunes se rechazan.',
  },
  passwordProblems: {
    too_short: 'La contraseña es demasiado corta.',
    too_long: 'La contraseña es demasiado larga.',
    common: 'Esta contraseña es de uso común; elija otra.',
  },
  password: {
    title: 'Cambiar su contraseña',
    submit: 'Cambiar contraseña',
    changed: 'Su contraseña ha cambiado. Se cerraron sus otras sesiones.',
  },
  signOut: 'Cerrar sesión',
};

declare module 'i18next' {
  interface ResourceNamespaceMap {
    auth: typeof authEn;
  }
}
