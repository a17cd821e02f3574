import type { Translation } from '@/lib/i18n/i18n';

/** The webhooks feature's words (namespace `webhooks`): the org admin's webhooks. */
export const webhooksEn = {
  title: 'Webhooks',
  intro:
    'Accord calls each webhook when an alert is delivered to your organization, and with each signed checkpoint ' +
    'of your agreements’ audit trails. A call carries ids and times only, never what was shared, and is signed ' +
    'with the webhook’s secret (HMAC-SHA256).',
  add: {
    title: 'Add a webhook',
    url: 'URL',
    urlHint: 'The https:// address of your receiver',
    submit: 'Add webhook',
    full: 'Your organization has {{max}} webhooks, the most it can have. Delete one to add another.',
  },
  problem: {
    notUrl: 'Enter a full address, such as https://hooks.example.org/accord',
    scheme: 'Use an https:// address (http:// works only outside production)',
    credentials: 'Leave out the user name and password',
    fragment: 'Leave out the part after #',
    unresolvable: 'This host name does not resolve',
    internal: 'This address points inside the network, which Accord refuses',
    other: 'This address cannot be used',
  },
  secret: {
    title: 'Copy the signing secret now',
    warning:
      'This is the only time Accord shows this secret. Store it with your receiver now: it checks each call’s ' +
      'signature with it. If it is lost, delete the webhook and add a new one.',
    label: 'Signing secret',
    copy: 'Copy secret',
    copied: 'Copied to the clipboard',
    copyFailed: 'Could not copy: select the secret and copy it yourself',
    done: 'I have stored it',
  },
  list: {
    heading: 'Your webhooks',
    empty: 'No webhooks yet.',
    added: 'Added {{date}}',
    enabled: 'Enabled',
    paused: 'Paused',
  },
  deliveries: {
    caption: 'Last deliveries to {{url}}',
    none: 'No alert delivered to it yet.',
    when: 'Asked',
    state: 'State',
    attempts: 'Attempts',
    error: 'Last failure',
    id: 'Delivery id',
    delivered: 'Delivered {{date}}',
    retrying: 'Failed; will retry',
    sending: 'Sending',
    noError: 'None',
    checkpoints: 'Checkpoint copies are not listed: they are sent again with every retry and keep no record.',
  },
  remove: {
    button: 'Delete',
    label: 'Delete the webhook {{url}}',
    title: 'Delete this webhook?',
    body: 'Accord stops calling {{url}} at once, including calls waiting for a retry. This cannot be undone.',
    confirm: 'Delete webhook',
    cancel: 'Cancel',
    done: 'Webhook deleted.',
  },
};

export const webhooksEs: Translation<typeof webhooksEn> = {
  title: 'Webhooks',
  intro:
    'Accord llama a cada webhook cuando se entrega una alerta a su organización, y con cada punto de control ' +
    'firmado del registro de auditoría de sus acuerdos. Una llamada lleva solo identificadores y horas, nunca lo ' +
    'compartido, y va firmada con el secreto del webhook (HMAC-SHA256).',
  add: {
    title: 'Agregar un webhook',
    url: 'URL',
    urlHint: 'La dirección https:// de su receptor',
    submit: 'Agregar webhook',
    full: 'Su organización tiene {{max}} webhooks, el máximo posible. Elimine uno para agregar otro.',
  },
  problem: {
    notUrl: 'Escriba una dirección completa, como https://hooks.example.org/accord',
    scheme: 'Use una dirección https:// (http:// solo funciona fuera de producción)',
    credentials: 'Quite el nombre de usuario y la contraseña',
    fragment: 'Quite la parte que sigue a #',
    unresolvable: 'Este nombre de servidor no se resuelve',
    internal: 'Esta dirección apunta dentro de la red, y Accord la rechaza',
    other: 'Esta dirección no se puede usar',
  },
  secret: {
    title: 'Copie ahora el secreto de firma',
    warning:
      'Esta es la única vez que Accord muestra este secreto. Guárdelo ahora en su receptor: con él comprueba la ' +
      'firma de cada llamada. Si se pierde, elimine el webhook y agregue uno nuevo.',
    label: 'Secreto de firma',
    copy: 'Copiar el secreto',
    copied: 'Copiado al portapapeles',
    copyFailed: 'No se pudo copiar: seleccione el secreto y cópielo usted',
    done: 'Ya lo guardé',
  },
  list: {
    heading: 'Sus webhooks',
    empty: 'Todavía no hay webhooks.',
    added: 'Agregado el {{date}}',
    enabled: 'Activo',
    paused: 'En pausa',
  },
  deliveries: {
    caption: 'Últimas entregas a {{url}}',
    none: 'Todavía no se le ha entregado ninguna alerta.',
    when: 'Solicitada',
    state: 'Estado',
    attempts: 'Intentos',
    error: 'Último fallo',
    id: 'Identificador de entrega',
    delivered: 'Entregada el {{date}}',
    retrying: 'Falló; se reintentará',
    sending: 'Enviándose',
    noError: 'Ninguno',
    checkpoints:
      'Las copias de los puntos de control no aparecen: se envían de nuevo en cada reintento y no dejan registro.',
  },
  remove: {
    button: 'Eliminar',
    label: 'Eliminar el webhook {{url}}',
    title: '¿Eliminar este webhook?',
    body:
      'Accord deja de llamar a {{url}} al instante, incluidas las llamadas que esperan un reintento. No se puede ' +
      'deshacer.',
    confirm: 'Eliminar webhook',
    cancel: 'Cancelar',
    done: 'Webhook eliminado.',
  },
};

declare module 'i18next' {
  interface ResourceNamespaceMap {
    webhooks: typeof webhooksEn;
  }
}
