import { describe, expect, it } from 'vitest';
import { deliveryState, fieldProblems, problemOfApi, urlProblem } from './webhook-views';

describe('urlProblem', () => {
  it('accepts http(s) addresses and refuses what the API refuses everywhere', () => {
    expect(urlProblem('https://hooks.example.org/accord')).toBeNull();
    expect(urlProblem(' http://127.0.0.1:9000/hook ')).toBeNull();
    expect(urlProblem('hooks.example.org')).toBe('notUrl');
    expect(urlProblem('ftp://hooks.example.org/x')).toBe('scheme');
    expect(urlProblem('https://user:pw@hooks.example.org/x')).toBe('credentials');
    expect(urlProblem('https://hooks.example.org/x#part')).toBe('fragment');
  });
});

describe('problemOfApi', () => {
  it('maps each of the API’s problems to the page’s words', () => {
    expect(problemOfApi(['is not a URL'])).toBe('notUrl');
    expect(problemOfApi(['must be an https:// URL'])).toBe('scheme');
    expect(problemOfApi(['must not carry a user name or password'])).toBe('credentials');
    expect(problemOfApi(['must not have a #fragment'])).toBe('fragment');
    expect(problemOfApi(['has a host name that does not resolve'])).toBe('unresolvable');
    expect(problemOfApi(['must not point at a loopback, private or link-local address'])).toBe('internal');
    expect(problemOfApi(['something new'])).toBe('other');
  });

  it('reads the problems of one field from the error details', () => {
    const details = {
      fields: [
        { path: 'url', problems: ['is not a URL'] },
        { path: 'x', problems: ['y'] },
      ],
    };
    expect(fieldProblems(details, 'url')).toEqual(['is not a URL']);
    expect(fieldProblems(undefined, 'url')).toEqual([]);
  });
});

describe('deliveryState', () => {
  it('says delivered, retrying or sending', () => {
    expect(deliveryState({ status: 'sent' })).toBe('delivered');
    expect(deliveryState({ status: 'pending' })).toBe('retrying');
    expect(deliveryState({ status: 'sending' })).toBe('sending');
  });
});
