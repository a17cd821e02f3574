import type { components } from '@/api/schema';
import type { Translation } from '@/lib/i18n/i18n';

type ConcernType = components['schemas']['CreateConcernDto']['concernType'];

/** The concerns feature's words (namespace `concerns`). Concern types are keyed by the API's list. */
export const concernsEn = {
  title: 'Send a concern to the police',
  intro:
    'Tell the police department of tension or a risk you see in an area, so they can coordinate with you. ' +
    'Area-level only: no names, phone numbers or addresses.',
  noAgreements:
    'Your organization has no active two-way agreement that lets it send concerns to the police. Ask your ' +
    'organization’s admin about one.',
  agreement: 'Agreement with the police',
  chooseAgreement: 'Choose the agreement',
  type: 'Concern',
  chooseType: 'Choose the kind of concern',
  types: {
    rising_tension: 'Rising tension',
    retaliation_risk: 'Risk of retaliation',
    coordinate_walk: 'Coordinate a walk',
    other: 'Another concern',
  } satisfies Record<ConcernType, string>,
  area: 'Service area',
  areaHint: 'The code of the police service area, such as D14 — never an address.',
  areaInvalid: 'Give a service-area code (letters, digits and dashes), not an address',
  occurredAt: 'When',
  narrative: 'What you see',
  narrativeHint: 'Checked for identifiers before it is sent.',
  requestedAction: 'What you ask of the police',
  identifiers:
    'This holds identifiers (a name, phone number, address, date or case number). Remove them, or send it with ' +
    'them blacked out.',
  submit: 'Send the concern',
  submitRedacted: 'Send with identifiers removed',
  sent: 'Concern sent to the police.',
  sentWithDeadline_one: 'Concern sent. The police are expected to acknowledge it within {{count}} hour.',
  sentWithDeadline_other: 'Concern sent. The police are expected to acknowledge it within {{count}} hours.',
  sentList: {
    title: 'Concerns you sent',
    empty: 'Your organization has not sent any concerns yet.',
    to: 'To',
    sentAt: 'Sent',
    police: 'The police',
    waiting: 'Not acknowledged yet — due by {{time}}',
    noDeadline: 'Not acknowledged yet',
    inTime: 'Acknowledged at {{time}} — within the deadline',
    late: 'Acknowledged at {{time}} — after the deadline',
    overdue: 'Not acknowledged by the deadline ({{time}}); escalated to the department',
    purged: 'Concern (removed at retention)',
  },
};

export const concernsEs: Translation<typeof concernsEn> = {
  title: 'Enviar una inquietud a la policía',
  intro:
    'Informe al departamento de policía de la tensión o el riesgo que observa en una zona, para coordinarse con ' +
    'ustedes. Solo a nivel de zona: sin nombres, teléfonos ni direcciones.',
  noAgreements:
    'Su organización no tiene ningún acuerdo bidireccional activo que le permita enviar inquietudes a la policía. ' +
    'Consulte al administrador de su organización.',
  agreement: 'Acuerdo con la policía',
  chooseAgreement: 'Elija el acuerdo',
  type: 'Inquietud',
  chooseType: 'Elija el tipo de inquietud',
  types: {
    rising_tension: 'Tensión en aumento',
    retaliation_risk: 'Riesgo de represalias',
    coordinate_walk: 'Coordinar una caminata',
    other: 'Otra inquietud',
  },
  area: 'Zona de servicio',
  areaHint: 'El código de la zona de servicio de la policía, como D14; nunca una dirección.',
  areaInvalid: 'Indique un código de zona (letras, números y guiones), no una dirección',
  occurredAt: 'Cuándo',
  narrative: 'Lo que observa',
  narrativeHint: 'Se revisa en busca de identificadores antes de enviarlo.',
  requestedAction: 'Lo que pide a la policía',
  identifiers:
    'Contiene identificadores (un nombre, teléfono, dirección, fecha o número de caso). Quítelos o envíelo con ' +
    'ellos tachados.',
  submit: 'Enviar la inquietud',
  submitRedacted: 'Enviar sin los identificadores',
  sent: 'Inquietud enviada a la policía.',
  sentWithDeadline_one: 'Inquietud enviada. Se espera que la policía confirme su recepción en {{count}} hora.',
  sentWithDeadline_other: 'Inquietud enviada. Se espera que la policía confirme su recepción en {{count}} horas.',
  sentList: {
    title: 'Inquietudes que envió',
    empty: 'Su organización aún no ha enviado inquietudes.',
    to: 'A',
    sentAt: 'Enviada',
    police: 'La policía',
    waiting: 'Aún sin confirmar: vence el {{time}}',
    noDeadline: 'Aún sin confirmar',
    inTime: 'Recepción confirmada el {{time}}, dentro del plazo',
    late: 'Recepción confirmada el {{time}}, fuera de plazo',
    overdue: 'Sin confirmar en el plazo ({{time}}); escalada al departamento',
    purged: 'Inquietud (eliminada por conservación)',
  },
};

declare module 'i18next' {
  interface ResourceNamespaceMap {
    concerns: typeof concernsEn;
  }
}
