/**
 * The only e-mails Accord sends. They say that something waits and where to sign in — never what
 * it is: no content, no names, no place, no time, no ids (the link is the inbox, not the item),
 * because e-mail leaves our control (forwarded, synced to phones, read over a shoulder).
 */
export interface EmailContent {
  subject: string;
  text: string;
}

/** Every e-mail has one shape: what waits (one line), where to sign in, and that it says no more on purpose. */
function contentFree(subject: string, line: string, signIn: string, url: string): EmailContent {
  return {
    subject,
    text: [line, '', `${signIn}: ${url}`, '', 'This message deliberately carries no details.'].join('\n'),
  };
}

export function newAlertEmail(publicBaseUrl: string): EmailContent {
  return contentFree(
    'You have a new alert in Accord',
    'You have a new alert in Accord.',
    'Sign in to read it',
    `${publicBaseUrl}/inbox`,
  );
}

export function escalationEmail(publicBaseUrl: string): EmailContent {
  return contentFree(
    'An alert in Accord is waiting for acknowledgement',
    'An alert for your program has not been acknowledged within the agreed time.',
    'Sign in to review it',
    `${publicBaseUrl}/inbox`,
  );
}

/**
 * To the police department's escalation role (its org admins, who may not read the concern) when
 * a community concern was not acknowledged in time: the link is the app, not an inbox they lack.
 */
export function concernEscalationEmail(publicBaseUrl: string): EmailContent {
  return contentFree(
    'A community concern in Accord is waiting for acknowledgement',
    'A community concern sent to your department has not been acknowledged by its liaisons within the agreed time.',
    'Sign in to Accord',
    `${publicBaseUrl}/`,
  );
}

/** To the worker a referral was assigned to: that something waits for them, nothing of whom or why. */
export function newAssignmentEmail(publicBaseUrl: string): EmailContent {
  return contentFree(
    'Something was assigned to you in Accord',
    'Something was assigned to you in Accord.',
    'Sign in to read it',
    `${publicBaseUrl}/inbox`,
  );
}

/** To the program managers when an assignment was not acknowledged in time. */
export function assignmentEscalationEmail(publicBaseUrl: string): EmailContent {
  return contentFree(
    'An assignment in Accord is waiting for acknowledgement',
    'Something assigned to a worker of your program has not been acknowledged within the agreed time.',
    'Sign in to review it',
    `${publicBaseUrl}/referrals`,
  );
}

export const messageIdFor = (sendId: string): string => `<${sendId}@notifications.accord>`;

/**
 * To the admins of every partner organization when an admin of a one-admin organization gave
 * themselves a role that reads shared content: that it happened and where to look, nothing more
 * (the agreement's audit names the organization and the roles; the board report flags it).
 */
export function contentRoleSelfGrantEmail(publicBaseUrl: string): EmailContent {
  return contentFree(
    'A partner organization changed who can read what you share in Accord',
    'An admin of a partner organization, with no second admin to approve it, gave themselves a role that reads ' +
      'what your organization shares. The change is in the agreement’s audit trail and on the board report.',
    'Sign in to review it',
    `${publicBaseUrl}/`,
  );
}
