import type { ClientErrorCode, ErrorCode } from '../api-error';
import type { Translation } from './i18n';

/**
 * The one table from the API's error codes to what a person reads (namespace `errors`). Keyed by
 * every code of the generated client, so a new code the API documents does not compile until it
 * has its words here; errors.strings.test.ts checks the server's own list too.
 */
export const errorsEn = {
  VALIDATION_FAILED: 'Some of what you entered is not valid. Check the highlighted fields.',
  MALFORMED_JSON: 'Accord could not read that request. Reload the page and try again.',
  UNSUPPORTED_MEDIA_TYPE: 'Accord could not read that request. Reload the page and try again.',
  BODY_TOO_LARGE: 'That is too much text to send at once. Shorten it and try again.',
  BODY_TOO_DEEP: 'Accord could not read that request. Reload the page and try again.',
  FORBIDDEN_KEY: 'Accord could not read that request. Reload the page and try again.',
  UNAUTHENTICATED: 'You are not signed in, or your session has ended. Sign in again.',
  FORBIDDEN: 'Your role does not allow this.',
  POLICY_UNDECLARED: 'This action is not available. Please tell your administrator.',
  NOT_FOUND: 'This could not be found. It may have been removed, or it is not shared with you.',
  ROUTE_NOT_FOUND: 'This is not available here.',
  METHOD_NOT_ALLOWED: 'This action is not available here.',
  CONFLICT: 'This changed in the meantime, or it already exists. Reload and check before trying again.',
  RATE_LIMITED: 'Too many attempts from your network. Wait a few minutes, then try again.',
  SERVICE_UNAVAILABLE: 'Accord is unavailable for a moment. Try again shortly.',
  INTERNAL_ERROR: 'Something went wrong on our side. Try again; if it keeps happening, tell your administrator.',
  INVALID_CREDENTIALS:
    'The e-mail, password or code is not right. Check them and try again with a fresh code. After five failed ' +
    'attempts the account locks until your organization’s admin unlocks it.',
  ACCOUNT_LOCKED: 'This account is locked after too many failed attempts. Ask your organization’s admin to unlock it.',
  REAUTHENTICATION_REQUIRED: 'Confirm your password and a fresh code to continue.',
  PASSWORD_REJECTED: 'This password cannot be used. Choose a longer one that is not a commonly used password.',
  PASSWORD_TOO_LONG: 'This password is too long.',
  ENROLLMENT_INVALID:
    'This enrollment link is not valid any more: it was used, it expired, or it was replaced. Ask your ' +
    'organization’s admin for a new one.',
  TOTP_INVALID: 'That code does not match. Check that the time on your phone is right and enter the current code.',
  ROLE_NOT_ALLOWED: 'That role is not available for this organization.',
  AGREEMENT_STATE: 'The agreement is not in a state that allows this.',
  ALREADY_APPROVED: 'This has already been approved.',
  AGREEMENT_PARTY_INVALID: 'That organization cannot be a party to this agreement.',
  SHARING_PARAMETERS_INVALID: 'The sharing rules of this agreement are not valid.',
  IDENTIFIERS_FOUND: 'The text contains details that could identify someone. Remove them before sending.',
  FIELD_NOT_PERMITTED: 'You are not allowed to change one of these fields.',
  CROSS_SITE_REQUEST: 'This request did not come from Accord’s own pages. Reload Accord and try again.',
  SECOND_ADMIN_REQUIRED: 'Another admin of your organization has to give you this role.',
  SERVICE_AREAS_INVALID: 'These service areas are not valid GeoJSON areas. Nothing was changed.',
  OUTSIDE_SERVICE_AREAS: 'That location is outside every service area of your department.',
  NETWORK: 'Accord cannot be reached. Check your connection and try again.',
  UNEXPECTED: 'Something unexpected happened. Try again.',
} as const satisfies Record<ErrorCode | ClientErrorCode, string>;

export const errorsEs: Translation<typeof errorsEn> = {
  VALIDATION_FAILED: 'Algunos de los datos no son válidos. Revise los campos señalados.',
  MALFORMED_JSON: 'Accord no pudo leer esa solicitud. Vuelva a cargar la página e inténtelo de nuevo.',
  UNSUPPORTED_MEDIA_TYPE: 'Accord no pudo leer esa solicitud. Vuelva a cargar la página e inténtelo de nuevo.',
  BODY_TOO_LARGE: 'Es demasiado texto para enviarlo de una vez. Acórtelo e inténtelo de nuevo.',
  BODY_TOO_DEEP: 'Accord no pudo leer esa solicitud. Vuelva a cargar la página e inténtelo de nuevo.',
  FORBIDDEN_KEY: 'Accord no pudo leer esa solicitud. Vuelva a cargar la página e inténtelo de nuevo.',
  UNAUTHENTICATED: 'No ha iniciado sesión o su sesión ha terminado. Inicie sesión de nuevo.',
  FORBIDDEN: 'Su función no permite hacer esto.',
  POLICY_UNDECLARED: 'Esta acción no está disponible. Avise a su administrador.',
  NOT_FOUND: 'No se encontró. Puede que se haya eliminado o que no se haya compartido con usted.',
  ROUTE_NOT_FOUND: 'Esto no está disponible aquí.',
  METHOD_NOT_ALLOWED: 'Esta acción no está disponible aquí.',
  CONFLICT: 'Esto cambió mientras tanto o ya existe. Vuelva a cargar y revise antes de intentarlo de nuevo.',
  RATE_LIMITED: 'Demasiados intentos desde su red. Espere unos minutos y vuelva a intentarlo.',
  SERVICE_UNAVAILABLE: 'Accord no está disponible en este momento. Inténtelo de nuevo en breve.',
  INTERNAL_ERROR: 'Algo falló de nuestro lado. Inténtelo de nuevo; si vuelve a pasar, avise a su administrador.',
  INVALID_CREDENTIALS:
    'El correo electrónico, la contraseña o el código no son correctos. Revíselos e inténtelo de nuevo con un ' +
    'código nuevo. Tras cinco intentos fallidos la cuenta se bloquea hasta que el administrador de su ' +
    'organización la desbloquee.',
  ACCOUNT_LOCKED:
    'Esta cuenta está bloqueada tras demasiados intentos fallidos. Pida al administrador de su organización ' +
    'que la desbloquee.',
  REAUTHENTICATION_REQUIRED: 'Confirme su contraseña y un código nuevo para continuar.',
  PASSWORD_REJECTED: 'No se puede usar esta contraseña. Elija una más larga que no sea una contraseña de uso común.',
  PASSWORD_TOO_LONG: 'Esta contraseña es demasiado larga.',
  ENROLLMENT_INVALID:
    'Este enlace de registro ya no es válido: se usó, caducó o fue reemplazado. Pida uno nuevo al ' +
    'administrador de su organización.',
  TOTP_INVALID: 'Ese código no coincide. Compruebe que la hora de su teléfono es correcta y escriba el código actual.',
  ROLE_NOT_ALLOWED: 'Esa función no está disponible para esta organización.',
  AGREEMENT_STATE: 'El acuerdo no está en un estado que permita esto.',
  ALREADY_APPROVED: 'Esto ya fue aprobado.',
  AGREEMENT_PARTY_INVALID: 'Esa organización no puede ser parte de este acuerdo.',
  SHARING_PARAMETERS_INVALID: 'Las reglas de intercambio de este acuerdo no son válidas.',
  IDENTIFIERS_FOUND: 'El texto contiene datos que podrían identificar a alguien. Elimínelos antes de enviar.',
  FIELD_NOT_PERMITTED: 'No tiene permiso para cambiar uno de estos campos.',
  CROSS_SITE_REQUEST: 'Esta solicitud no vino de las páginas de Accord. Vuelva a cargar Accord e inténtelo de nuevo.',
  SECOND_ADMIN_REQUIRED: 'Otro administrador de su organización tiene que darle este rol.',
  SERVICE_AREAS_INVALID: 'Estas zonas de servicio no son zonas GeoJSON válidas. No se cambió nada.',
  OUTSIDE_SERVICE_AREAS: 'Esa ubicación está fuera de todas las zonas de servicio de su departamento.',
  NETWORK: 'No se puede conectar con Accord. Revise su conexión e inténtelo de nuevo.',
  UNEXPECTED: 'Ocurrió algo inesperado. Inténtelo de nuevo.',
};

declare module 'i18next' {
  interface ResourceNamespaceMap {
    errors: typeof errorsEn;
  }
}
