import { officialCalendar } from '../../cloudfunctions/_lib/calendar';
import { endOfChinaDay, startOfChinaDay } from '../../miniprogram/core/china-time';
import { computeDeadline } from '../../miniprogram/core/deadlines';
import {
  CHASE_RULES,
  chaseView,
  SUPPLEMENT_LIMITS,
  validateSupplement,
} from '../../miniprogram/core/resident-steps';

/**
 * 催办's rule on China's real 2026 calendar: only past the answer's due date, at most three times
 * per deadline round, three working days apart; and what a supplement (补充) must hold.
 */

const at = (date: string, hour = 10) => startOfChinaDay(date) + hour * 3600_000;
const start = at('2026-06-01'); // Monday
const { dueAt, dueDate } = computeDeadline({ startAt: start, workingDays: 10, now: start }, officialCalendar);
const clock = { startAt: start, dueAt };

describe('chaseView', () => {
  it('refuses a chase until the due date has passed, and names the date', () => {
    expect(dueDate).toBe('2026-06-15');
    const view = chaseView({ clock, chasedAt: [] }, endOfChinaDay(dueDate), officialCalendar);
    expect(view).toMatchObject({ allowed: false, remaining: 3, nextDate: '2026-06-16' });
    expect(view.message).toContain('6月15日');
  });

  it('allows a chase the day after the due date', () => {
    expect(chaseView({ clock, chasedAt: [] }, at('2026-06-16'), officialCalendar)).toMatchObject({
      allowed: true,
      remaining: CHASE_RULES.perRound,
    });
  });

  it('waits three working days after a chase, across a weekend', () => {
    const chasedAt = [at('2026-06-24')]; // Wednesday
    // Thursday and Friday are one and two working days later; the weekend does not count.
    expect(chaseView({ clock, chasedAt }, at('2026-06-28'), officialCalendar)).toMatchObject({
      allowed: false,
      remaining: 2,
      nextDate: '2026-06-29',
    });
    const monday = chaseView({ clock, chasedAt }, at('2026-06-29'), officialCalendar);
    expect(monday).toMatchObject({ allowed: true, remaining: 2 });
  });

  it('skips the Dragon Boat holiday when telling the next date', () => {
    // 2026-06-19 (Friday) is the Dragon Boat Festival: from Thursday the 18th, three working days
    // on are the 22nd, 23rd and 24th.
    const view = chaseView({ clock, chasedAt: [at('2026-06-18')] }, at('2026-06-19'), officialCalendar);
    expect(view).toMatchObject({ allowed: false, nextDate: '2026-06-24' });
    expect(view.message).toContain('6月24日');
  });

  it('stops after three chases in a round, and counts a new round afresh', () => {
    const three = [at('2026-06-16'), at('2026-06-22'), at('2026-06-25')];
    const view = chaseView({ clock, chasedAt: three }, at('2026-07-10'), officialCalendar);
    expect(view).toMatchObject({ allowed: false, remaining: 0, nextDate: null });
    // Sent back to be redone: a new clock, and the earlier chases are of the earlier round.
    const redo = { startAt: at('2026-07-01'), dueAt: at('2026-07-08') };
    expect(chaseView({ clock: redo, chasedAt: three }, at('2026-07-10'), officialCalendar)).toMatchObject({
      allowed: true,
      remaining: 3,
    });
  });

  it('has nothing to chase while no clock runs', () => {
    expect(chaseView({ clock: null, chasedAt: [] }, at('2026-07-10'), officialCalendar).allowed).toBe(false);
  });
});

describe('validateSupplement', () => {
  const own = (name: string) => `cloud://env.bucket/appeals/o-me/202606/${name}.jpg`;
  const base = { caseId: 'c1', clientRequestId: 'req-supplement-1' };

  it('takes text, photos, or both', () => {
    expect(validateSupplement({ ...base, note: '路灯杆也歪了' }, 'o-me')).toMatchObject({
      ok: true,
      data: { note: '路灯杆也歪了', photos: [] },
    });
    expect(validateSupplement({ ...base, photos: [own('a')] }, 'o-me')).toMatchObject({
      ok: true,
      data: { note: null, photos: [own('a')] },
    });
  });

  it('refuses an empty supplement, photos of someone else, too many photos and a wrong shape', () => {
    expect(validateSupplement({ ...base, note: '  ' }, 'o-me')).toMatchObject({
      ok: false,
      fields: { note: '请写下要补充的内容，或添加照片、声音留言' },
    });
    expect(
      validateSupplement({ ...base, photos: ['cloud://env.bucket/appeals/o-other/x.jpg'] }, 'o-me'),
    ).toMatchObject({ ok: false, fields: { photos: '只能使用您本人上传的照片' } });
    const many = Array.from({ length: SUPPLEMENT_LIMITS.photosMax + 1 }, (_, i) => own(`p${i}`));
    expect(validateSupplement({ ...base, photos: many }, 'o-me')).toMatchObject({
      ok: false,
      fields: { photos: expect.stringContaining('9') },
    });
    expect(validateSupplement({ ...base, note: 42 }, 'o-me')).toMatchObject({
      ok: false,
      fields: { note: expect.any(String) },
    });
    expect(validateSupplement({ caseId: 'c1', note: '好的好的' }, 'o-me')).toMatchObject({
      ok: false,
      fields: { clientRequestId: expect.any(String) },
    });
  });
});
