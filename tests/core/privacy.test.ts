import { validateRetentionDays } from '../../miniprogram/core/privacy';

describe('the retention period the office may set', () => {
  it.each([30, 180, 1095, '365'])('accepts %p days', (days) => {
    expect(validateRetentionDays(days)).toEqual({ ok: true, data: Number(days) });
  });

  it.each([29, 1096, 0, -5, 90.5, '九十', null, undefined, '', '1e2'])('refuses %p', (days) => {
    expect(validateRetentionDays(days)).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
      fields: { closedCaseDays: '请填写 30 到 1095 之间的整数天数' },
    });
  });
});
