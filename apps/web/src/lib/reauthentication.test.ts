import { describe, expect, it } from 'vitest';
import { ApiError } from './api-error';
import { withReauthentication } from './reauthentication';

const reauthRequired = () => new ApiError(403, 'REAUTHENTICATION_REQUIRED', 'Confirm your password and code first');

/** An action that fails with `failures` in turn, then succeeds; counts its runs. */
function action(...failures: Error[]) {
  let runs = 0;
  const run = async () => {
    runs++;
    const failure = failures.shift();
    if (failure) throw failure;
    return 'done';
  };
  return { run, runs: () => runs };
}

describe('withReauthentication', () => {
  it('runs the action once when the API does not ask', async () => {
    const a = action();
    let asked = 0;
    await expect(withReauthentication(a.run, async () => (asked++, true))).resolves.toBe('done');
    expect({ runs: a.runs(), asked }).toEqual({ runs: 1, asked: 0 });
  });

  it('asks the person, then runs the action once more', async () => {
    const a = action(reauthRequired());
    let asked = 0;
    await expect(withReauthentication(a.run, async () => (asked++, true))).resolves.toBe('done');
    expect({ runs: a.runs(), asked }).toEqual({ runs: 2, asked: 1 });
  });

  it('gives the original refusal back when the person cancels', async () => {
    const a = action(reauthRequired());
    await expect(withReauthentication(a.run, async () => false)).rejects.toMatchObject({
      code: 'REAUTHENTICATION_REQUIRED',
    });
    expect(a.runs()).toBe(1);
  });

  it('never asks for any other failure', async () => {
    const a = action(new ApiError(403, 'FORBIDDEN', 'Not allowed'));
    let asked = 0;
    await expect(withReauthentication(a.run, async () => (asked++, true))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(asked).toBe(0);
  });
});
