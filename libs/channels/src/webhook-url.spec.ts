import { webhookUrlProblem } from './webhook-url';

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
    expect(webhookUrlProblem('https://user:secret@hooks.example.org/x', false)).toBe('must not carry a user name or password');
    expect(webhookUrlProblem('https://hooks.example.org/x#frag', false)).toBe('must not have a #fragment');
    expect(webhookUrlProblem('not a url', false)).toBe('is not a URL');
  });
});
