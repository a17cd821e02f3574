/**
 * The only e-mails Accord sends. They say that something waits and where to sign in — never what
 * it is: no content, no names, no place, no time, no ids (the link is the inbox, not the item),
 * because e-mail leaves our control (forwarded, synced to phones, read over a shoulder).
 */
export interface EmailContent {
  subject: string;
  text: string;
}

export function newAlertEmail(publicBaseUrl: string): EmailContent {
  return {
    subject: 'You have a new alert in Accord',
    text: [
      'You have a new alert in Accord.',
      '',
      `Sign in to read it: ${publicBaseUrl}/inbox`,
      '',
      'This message deliberately carries no details.',
    ].join('\n'),
  };
}

export function escalationEmail(publicBaseUrl: string): EmailContent {
  return {
    subject: 'An alert in Accord is waiting for acknowledgement',
    text: [
      'An alert for your program has not been acknowledged within the agreed time.',
      '',
      `Sign in to review it: ${publicBaseUrl}/inbox`,
      '',
      'This message deliberately carries no details.',
    ].join('\n'),
  };
}

export const messageIdFor = (sendId: string): string => `<${sendId}@notifications.accord>`;
