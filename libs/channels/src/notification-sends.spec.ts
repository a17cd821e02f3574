import { errorCodeOf } from './notification-sends';

describe('send failures are kept as codes', () => {
  it(
    'takes the code of an SMTP error, of the socket error fetch ' + 'wraps, or of the error kind — never the message',
    () => {
      expect(
        errorCodeOf(Object.assign(new Error('Greeting never received from mail.example.org'), { code: 'ETIMEDOUT' })),
      ).toBe('ETIMEDOUT');
      expect(
        errorCodeOf(
          new TypeError('fetch failed', {
            cause: Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:443'), { code: 'ECONNREFUSED' }),
          }),
        ),
      ).toBe('ECONNREFUSED');
      expect(errorCodeOf(Object.assign(new Error('550 no such user alice@example.org'), { responseCode: 550 }))).toBe(
        'CODE_550',
      );
      expect(errorCodeOf(new Error('something with alice@example.org'))).toBe('ERROR');
      expect(errorCodeOf('a string')).toBe('SEND_FAILED');
    },
  );
});
