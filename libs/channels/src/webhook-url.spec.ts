import { isInternalAddress, webhookTargetProblem, webhookUrlProblem } from './webhook-url';

describe('webhook URL rules', () => {
  it('accepts only https in production', () => {
    expect(webhookUrlProblem('https://hooks.example.org/accord', true)).toBeNull();
    expect(webhookUrlProblem('http://hooks.example.org/accord', true)).toBe('must be an https:// URL');
  });

  it('allows http outside production, for local receivers', () => {
    expect(webhookUrlProblem('http://127.0.0.1:8080/hook', false)).toBeNull();
  });

  it('refuses other schemes, credentials, fragments and non-URLs', () => {
    expect(webhookUrlProblem('ftp://hooks.example.org/x', false)).toBe('must be an http:// or https:// URL');
    expect(webhookUrlProblem('https://user:secret@hooks.example.org/x', false)).toBe(
      'must not carry a user name or password',
    );
    expect(webhookUrlProblem('https://hooks.example.org/x#frag', false)).toBe('must not have a #fragment');
    expect(webhookUrlProblem('not a url', false)).toBe('is not a URL');
  });

  it('knows loopback, private, link-local and mapped addresses from public ones', () => {
    for (const internal of [
      '127.0.0.1',
      '10.1.2.3',
      '172.20.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      'fd00::1',
      'fe80::1',
      '::ffff:127.0.0.1',
      'not-an-ip',
    ])
      expect(isInternalAddress(internal)).toBe(true);
    for (const external of ['93.184.216.34', '8.8.8.8', '2606:4700::1111', '::ffff:93.184.216.34'])
      expect(isInternalAddress(external)).toBe(false);
  });

  it(
    'in production refuses a webhook whose host is or resolves to ' + 'an internal address; elsewhere checks nothing',
    async () => {
      const resolve = async (host: string) =>
        host === 'hooks.partner.org'
          ? ['93.184.216.34']
          : host === 'sneaky.partner.org'
            ? ['93.184.216.34', '10.0.0.5']
            : [];
      await expect(webhookTargetProblem('https://hooks.partner.org/x', true, resolve)).resolves.toBeNull();
      await expect(webhookTargetProblem('https://sneaky.partner.org/x', true, resolve)).resolves.toBe(
        'must not point at a loopback, private or link-local address',
      );
      await expect(webhookTargetProblem('https://169.254.169.254/latest', true, resolve)).resolves.toBe(
        'must not point at a loopback, private or link-local address',
      );
      await expect(webhookTargetProblem('https://[::1]/x', true, resolve)).resolves.toBe(
        'must not point at a loopback, private or link-local address',
      );
      await expect(webhookTargetProblem('https://nowhere.partner.org/x', true, resolve)).resolves.toBe(
        'has a host name that does not resolve',
      );
      await expect(webhookTargetProblem('http://127.0.0.1:8080/x', false, resolve)).resolves.toBeNull();
    },
  );
});
