import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { AppConfig } from '@accord/config';

/** A one-time enrollment link (invite or reset): the token travels in the fragment. */
export interface EnrollmentLink {
  url: string;
  expiresAt: string;
}

/** Short timeouts: an admin waits on this answer. */
const SMTP_TIMEOUT_MS = 10_000;

/** The one e-mail that carries a secret, and nothing else: no name, no organization, no role. */
export function enrollmentEmail(link: EnrollmentLink): { subject: string; text: string } {
  return {
    subject: 'Your Accord enrollment link',
    text: [
      'An Accord account was set up for this address, or its sign-in was reset.',
      '',
      `To choose your password and set up your authenticator app, open this link (it works once, until ` +
        `${link.expiresAt}):`,
      '',
      link.url,
      '',
      'If you did not expect this message, ignore it and tell your organization’s admin.',
      'This message deliberately carries no other details.',
    ].join('\n'),
  };
}

/**
 * Sends enrollment links to the person's own address (SMTP_URL), so nobody else — their admin,
 * the platform operator — ever holds a link that enrolls as them (issue 12). Without SMTP_URL no
 * link leaves the server through the API; the command line prints one only in embedded (demo) mode.
 */
@Injectable()
export class EnrollmentMailer implements OnApplicationShutdown {
  private readonly logger = new Logger('EnrollmentMailer');
  private readonly transporter: Transporter | null;

  constructor(private readonly config: AppConfig) {
    this.transporter = config.smtpUrl
      ? createTransport({
          url: config.smtpUrl,
          connectionTimeout: SMTP_TIMEOUT_MS,
          greetingTimeout: SMTP_TIMEOUT_MS,
          socketTimeout: SMTP_TIMEOUT_MS,
        })
      : null;
  }

  get enabled(): boolean {
    return this.transporter !== null;
  }

  /**
   * True once the SMTP server accepted the message; false when e-mail is off or it failed (logged without the address).
   */
  async send(to: string, link: EnrollmentLink): Promise<boolean> {
    if (!this.transporter) return false;
    const { subject, text } = enrollmentEmail(link);
    try {
      await this.transporter.sendMail({ from: this.config.mailFrom, to, subject, text });
      return true;
    } catch (error) {
      this.logger.warn({ event: 'enrollment.email-failed', error: (error as Error).name });
      return false;
    }
  }

  onApplicationShutdown(): void {
    this.transporter?.close();
  }
}
