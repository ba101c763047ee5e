import { bimonthOf, previousBimonth, validateBimonthlyRequest } from '../../miniprogram/core/bimonthly';

describe('two-month periods (双月)', () => {
  it('pairs January–February, March–April, … and ends each on its last day', () => {
    expect(bimonthOf('2026-01-15')).toEqual({ from: '2026-01-01', to: '2026-02-28' });
    expect(bimonthOf('2028-02-29')).toEqual({ from: '2028-01-01', to: '2028-02-29' });
    expect(bimonthOf('2026-10-31')).toEqual({ from: '2026-09-01', to: '2026-10-31' });
    expect(bimonthOf('2026-12-01')).toEqual({ from: '2026-11-01', to: '2026-12-31' });
  });

  it('reports the two months just ended, across the new year too', () => {
    expect(previousBimonth('2026-11-01')).toEqual({ from: '2026-09-01', to: '2026-10-31' });
    expect(previousBimonth('2026-12-31')).toEqual({ from: '2026-09-01', to: '2026-10-31' });
    expect(previousBimonth('2027-01-01')).toEqual({ from: '2026-11-01', to: '2026-12-31' });
  });

  it('takes a period of at most a year and a format, PDF by default', () => {
    expect(validateBimonthlyRequest({ from: '2026-09-01', to: '2026-10-31' })).toEqual({
      ok: true,
      data: { from: '2026-09-01', to: '2026-10-31', format: 'pdf' },
    });
    expect(validateBimonthlyRequest({ from: '2026-09-01', to: '2026-10-31', format: 'xlsx' })).toMatchObject({
      ok: true,
      data: { format: 'xlsx' },
    });
    expect(validateBimonthlyRequest({ from: '2025-01-01', to: '2026-10-31' })).toMatchObject({
      ok: false,
      fields: { to: '一份报告最长一年，请缩短时段' },
    });
    expect(validateBimonthlyRequest({ from: '2026-09-01', format: 'doc' })).toMatchObject({
      ok: false,
      fields: { to: expect.any(String), format: expect.any(String) },
    });
  });
});
