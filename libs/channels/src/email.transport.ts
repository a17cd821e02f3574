import { createTransport } from 'nodemailer';
import type { AppConfig } from '@accord/config';

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  /** Stable across attempts (the send's ledger id), so a receiving system can drop a repeat. */
  messageId: string;
}

/** Where alert e-mails go. `null` (the injected value) means e-mail is switched off. */
export abstract class EmailTransport {
  abstract send(message: OutgoingEmail): Promise<void>;
  abstract close(): void;
}

export const EMAIL_TRANSPORT = Symbol('EMAIL_TRANSPORT');

/** Short timeouts: a job waiting on a dead SMTP server only delays its own retry. */
const SMTP_TIMEOUT_MS = 20_000;

export class SmtpEmailTransport extends EmailTransport {
  private readonly transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    super();
    this.transporter = createTransport({
      url: smtpUrl,
      connectionTimeout: SMTP_TIMEOUT_MS,
      greetingTimeout: SMTP_TIMEOUT_MS,
      socketTimeout: SMTP_TIMEOUT_MS,
    });
  }

  async send(message: OutgoingEmail): Promise<void> {
    await this.transporter.sendMail({
      from: this.from,
      to: message.to,
      subject: message.subject,
      text: message.text,
      messageId: message.messageId,
    });
  }

  close(): void {
    this.transporter.close();
  }
}

export function emailTransportFor(config: AppConfig): EmailTransport | null {
  return config.smtpUrl ? new SmtpEmailTransport(config.smtpUrl, config.mailFrom) : null;
}
