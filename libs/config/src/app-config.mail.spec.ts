import { CONFIG_VARIABLES, loadConfig } from './app-config';

describe('loadConfig: alert e-mail settings', () => {
  it('leaves e-mail off without SMTP_URL and has a default sender', () => {
    const config = loadConfig({});
    expect(config.smtpUrl).toBeUndefined();
    expect(config.mailFrom).toBe('Accord <no-reply@accord.invalid>');
  });

  it('accepts smtp:// and smtps:// URLs and refuses anything else without echoing it', () => {
    expect(loadConfig({ SMTP_URL: 'smtps://alerts:pw@mail.example.org:465' }).smtpUrl).toBe(
      'smtps://alerts:pw@mail.example.org:465',
    );
    expect(() => loadConfig({ SMTP_URL: 'http://alerts:hunter2@mail.example.org' })).toThrow(
      /SMTP_URL must be an smtp:\/\/ or smtps:\/\/ URL/,
    );
    expect(() => loadConfig({ SMTP_URL: 'http://alerts:hunter2@mail.example.org' })).not.toThrow(/hunter2/);
  });

  it('refuses a sender that spans lines (header injection)', () => {
    expect(() => loadConfig({ MAIL_FROM: 'Accord <a@b.org>\r\nBcc: x@evil.test' })).toThrow(
      /MAIL_FROM must be one line/,
    );
    expect(loadConfig({ MAIL_FROM: 'Alerts <alerts@city.example>' }).mailFrom).toBe('Alerts <alerts@city.example>');
  });

  it('documents both variables for the README table', () => {
    expect(CONFIG_VARIABLES.map((v) => v.name)).toEqual(expect.arrayContaining(['SMTP_URL', 'MAIL_FROM']));
  });
});
