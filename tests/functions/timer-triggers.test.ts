import { ok } from '../../miniprogram/core/result';
import { withFileJobs } from '../../cloudfunctions/_lib/files';

/** A function's timers: only the triggers it names run; anything else is an unknown task. */

describe('withFileJobs timers', () => {
  it('answers a trigger the function does not have as unknown, even one named like an object method', async () => {
    const bimonthly = jest.fn(async () => 'made');
    const main = withFileJobs(async () => ok('action'), {}, { triggers: { bimonthly } });

    for (const name of ['toString', 'constructor', '__proto__', 'nightly']) {
      await expect(main({ Type: 'Timer', TriggerName: name }, {})).resolves.toMatchObject({
        ok: false,
        code: 'ACTION.UNKNOWN',
      });
    }
    expect(bimonthly).not.toHaveBeenCalled();
    await expect(main({ Type: 'Timer', TriggerName: 'bimonthly' }, {})).resolves.toEqual(ok('made'));
  });
});
