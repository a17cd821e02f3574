import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string;
  subject: string;
  text: string;
  messageId: string;
  raw: string;
}

export interface SmtpSink {
  /** `smtp://127.0.0.1:<port>`, for SMTP_URL. */
  url: string;
  /** Every message accepted so far, parsed (pushed before the server answers, so a completed send is already here). */
  mails: ReceivedMail[];
  close(): Promise<void>;
  /** Lets the process exit while the sink still listens. */
  unref?(): void;
}

/**
 * A real SMTP server on a free local port that keeps every message it accepts; with `dir`, also as
 * one JSON file per message there, for readers in other processes (the browser tests' workers).
 * With `hold`, a message it returns true for is neither kept nor answered: the sender waits, as on
 * a server that has the message but has not said so yet (a test kills the sender meanwhile).
 */
export async function smtpSink(
  options: { dir?: string; hold?: (mail: ReceivedMail) => boolean } = {},
): Promise<SmtpSink> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        simpleParser(raw)
          .then((parsed) => {
            const to = Array.isArray(parsed.to) ? parsed.to.map((a) => a.text).join(',') : (parsed.to?.text ?? '');
            const mail = {
              to,
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              messageId: parsed.messageId ?? '',
              raw,
            };
            if (options.hold?.(mail)) return;
            mails.push(mail);
            if (options.dir)
              writeFileSync(join(options.dir, `${String(mails.length).padStart(6, '0')}.json`), JSON.stringify(mail));
            callback();
          })
          .catch(callback);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  const sink: SmtpSink = {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    close: () => {
      SINKS.delete(sink.url);
      return new Promise((resolve) => server.close(() => resolve()));
    },
    unref: () => server.server.unref(),
  };
  SINKS.set(sink.url, sink);
  return sink;
}

/** Every sink of this process by its URL, so a helper holding only an app (and its SMTP_URL) finds the mailbox. */
const SINKS = new Map<string, SmtpSink>();
let shared: Promise<SmtpSink> | undefined;

/**
 * One sink for the whole test file (process), for apps that need e-mail only to receive enrollment
 * links (issue 12: the API never answers them). Its socket does not keep the process alive.
 */
export function testMailbox(): Promise<SmtpSink> {
  shared ??= smtpSink().then((sink) => {
    sink.unref?.();
    return sink;
  });
  return shared;
}

export const ENROLLMENT_SUBJECT = 'Your Accord enrollment link';

/** The newest enrollment link among `mails` sent to `email`, or undefined. */
export function enrollmentLinkIn(mails: readonly ReceivedMail[], email: string): string | undefined {
  const mail = [...mails]
    .reverse()
    .find((m) => m.subject === ENROLLMENT_SUBJECT && m.to.toLowerCase().includes(email.toLowerCase()));
  return (mail && /(https?:\/\/\S+\/enroll#token=[A-Za-z0-9_-]+)/.exec(mail.text)?.[1]) ?? undefined;
}

/** The messages a sink started with `dir` wrote there, in arrival order. */
export function mailsInDir(dir: string): ReceivedMail[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as ReceivedMail);
}

/**
 * The newest enrollment link e-mailed to `email` through the sink at `smtpUrl` (the app's SMTP_URL).
 * Sending completes before the API answers, so the mail is already there after an invite or reset.
 */
export function enrollmentLinkSentTo(smtpUrl: string | undefined, email: string): string {
  const sink = smtpUrl ? SINKS.get(smtpUrl) : undefined;
  if (!sink)
    throw new Error(
      'The app under test has no SMTP_URL of a test sink: start it with SMTP_URL from testMailbox() ' +
        '(enrollment links are only e-mailed)',
    );
  const url = enrollmentLinkIn(sink.mails, email);
  if (!url) throw new Error('No enrollment link was e-mailed to that address');
  return url;
}
