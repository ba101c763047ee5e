import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MyDutiesView, StationDayView, StationOverviewView } from '../../miniprogram/core/api';
import type { ReceptionDayDoc, SwapRequestDoc } from '../../cloudfunctions/_lib/platform';
import { DUTY_REMINDER_PAGE } from '../../cloudfunctions/_lib/reception';
import { DEV_DEPUTY_OPENID, DEV_STAFF_OPENID } from '../../stack/seed';
import { startProduct } from '../helpers/project-stack';

/**
 * Deputies confirm their duty or ask to hand it over, and staff apply or decline the request, on the
 * real stack. The seeded 代表之家 (station-gulou-home) receives on the 10th; its deputies are
 * 林晓红 (deputy-lin, dev-deputy-openid), 陈建国 (deputy-chen) and 刘海波 (deputy-liu), two a day.
 * The stack's clock stands on Monday 20 April 2026. Two future reception days are rostered: A (11 May,
 * the 10th being a Sunday) 林晓红 + 陈建国, B (10 June) 刘海波 + 陈建国.
 */

const STATION = 'station-gulou-home';
const STAFF = DEV_STAFF_OPENID;
const LIN = DEV_DEPUTY_OPENID;
const CHEN = 'o-deputy-chen';
const LIU = 'o-deputy-liu';

let product: Awaited<ReturnType<typeof startProduct>>;
let seq = 0;
const rid = () => `duty-${Date.now().toString(36)}-${++seq}-abcdef`;
const today = '2026-04-20';
let dayA: StationDayView;
let dayB: StationDayView;

const overview = async (month: string) =>
  (await product.ok(STAFF, 'station', 'overview', { month })) as StationOverviewView;
const dayOf = async (date: string) =>
  (await overview(date.slice(0, 7))).plan.days.find((d) => d.date === date && !d.cancelled)!;
const duties = (openid: string) => product.ok(openid, 'deputy', 'duties', {}) as Promise<MyDutiesView>;
const dutyOn = (view: MyDutiesView, date: string) => view.duties.find((d) => d.date === date);
const stored = (date: string) =>
  product.stack.store.getById('reception_days', `${STATION}_${date}`) as unknown as ReceptionDayDoc;
const roster = async (date: string, deputyIds: string[]) =>
  product.ok(STAFF, 'station', 'saveRoster', { date, deputyIds, publish: true });

beforeAll(async () => {
  product = await startProduct({ clock: { now: `${today}T10:00:00+08:00` } });
  product.stack.store.insert('users', [
    { _id: CHEN, openid: CHEN, name: '陈建国', roles: [{ role: 'deputy', deputyId: 'deputy-chen' }] },
    { _id: LIU, openid: LIU, name: '刘海波', roles: [{ role: 'deputy', deputyId: 'deputy-liu' }] },
  ]);
  const first = async (month: string) => (await overview(month)).plan.days.find((d) => !d.cancelled)!;
  dayA = await first('2026-05');
  dayB = await first('2026-06');
});
afterAll(() => product.close());

beforeEach(async () => {
  await roster(dayA.date, ['deputy-lin', 'deputy-chen']);
  await roster(dayB.date, ['deputy-liu', 'deputy-chen']);
});

describe('我的值班', () => {
  it('lists the upcoming duties on published rosters, with who else is on duty', async () => {
    expect([dayA.date, dayB.date]).toEqual(['2026-05-11', '2026-06-10']);
    const view = await duties(LIN);
    expect(view.today).toBe(today);
    expect(dutyOn(view, dayA.date)).toMatchObject({
      dayId: `${STATION}_${dayA.date}`,
      station: { id: STATION, name: '鼓楼区人大代表之家' },
      colleagues: [{ id: 'deputy-chen', name: '陈建国' }],
      confirmed: false,
      swapRequest: null,
    });
    expect(dutyOn(view, dayB.date)).toBeUndefined();
    expect(view.colleagues.map((c) => c.name).sort()).toEqual(['刘海波', '陈建国'].sort());
    expect(view.stationDays.find((d) => d.date === dayB.date)?.deputies.map((d) => d.name)).toEqual([
      '刘海波',
      '陈建国',
    ]);
    // A draft is not a duty yet.
    await product.ok(STAFF, 'station', 'saveRoster', {
      date: dayA.date,
      deputyIds: ['deputy-lin', 'deputy-chen'],
      publish: false,
    });
    expect(dutyOn(await duties(LIN), dayA.date)).toBeUndefined();
    expect(await product.call(STAFF, 'deputy', 'duties', {})).toMatchObject({ code: 'AUTH.FORBIDDEN' });
  });

  it('is where the duty reminder leads, a page the app registers', () => {
    expect(DUTY_REMINDER_PAGE).toBe('pages/deputy/duties/index');
    const app = JSON.parse(readFileSync(join(__dirname, '../../miniprogram/app.json'), 'utf8')) as {
      subPackages: Array<{ root: string; pages: string[] }>;
    };
    const pages = app.subPackages.flatMap((p) => p.pages.map((page) => `${p.root}/${page}`));
    expect(pages).toContain(DUTY_REMINDER_PAGE);
  });
});

describe('confirming a duty', () => {
  it('is shown to staff, once however often the deputy taps', async () => {
    const dayId = `${STATION}_${dayA.date}`;
    const [first, again] = await Promise.all([
      product.ok(LIN, 'deputy', 'confirmDuty', { dayId }),
      product.ok(LIN, 'deputy', 'confirmDuty', { dayId }),
    ]);
    for (const view of [first, again]) expect(dutyOn(view, dayA.date)?.confirmed).toBe(true);
    expect(stored(dayA.date).confirmations).toEqual([
      expect.objectContaining({ deputyId: 'deputy-lin', date: dayA.date }),
    ]);
    expect((await dayOf(dayA.date)).roster?.confirmed).toEqual([{ id: 'deputy-lin', name: '林晓红' }]);

    // Someone else's day, a day that does not exist, no day at all.
    expect(
      await product.call(LIN, 'deputy', 'confirmDuty', { dayId: `${STATION}_${dayB.date}` }),
    ).toMatchObject({ code: 'NOT_FOUND' });
    expect(await product.call(LIN, 'deputy', 'confirmDuty', { dayId: 'nope' })).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await product.call(LIN, 'deputy', 'confirmDuty', {})).toMatchObject({ code: 'INPUT.INVALID' });

    // Taken off the roster, the confirmation goes with the duty.
    await roster(dayA.date, ['deputy-liu', 'deputy-chen']);
    expect((await dayOf(dayA.date)).roster?.confirmed).toEqual([]);
  });
});

describe('asking to swap', () => {
  it('refuses a request without a reason, a swap day without a colleague, and an impossible swap', async () => {
    const dayId = `${STATION}_${dayA.date}`;
    const base = { dayId, reason: '临时出差', clientRequestId: rid() };
    expect(await product.call(LIN, 'deputy', 'requestSwap', { ...base, reason: ' ' })).toMatchObject({
      code: 'INPUT.INVALID',
      fields: { reason: '请填写换班原因' },
    });
    expect(await product.call(LIN, 'deputy', 'requestSwap', { ...base, withDate: dayB.date })).toMatchObject({
      code: 'INPUT.INVALID',
      fields: { withDate: expect.any(String) },
    });
    // 陈建国 is already on duty that day; 刘海波 is not on duty on day A (no day to exchange).
    expect(
      await product.call(LIN, 'deputy', 'requestSwap', { ...base, withDeputyId: 'deputy-chen' }),
    ).toMatchObject({ code: 'ROSTER.DUPLICATE' });
    expect(
      await product.call(LIN, 'deputy', 'requestSwap', {
        ...base,
        withDeputyId: 'deputy-liu',
        withDate: dayA.date,
      }),
    ).toMatchObject({ code: 'INPUT.INVALID' });
    expect(
      await product.call(LIN, 'deputy', 'requestSwap', { ...base, withDeputyId: 'deputy-wang' }),
    ).toMatchObject({ code: 'ROSTER.NOT_STATION_DEPUTY' });
    expect(stored(dayA.date).swapRequests ?? []).toEqual([]);
  });

  it('records the request once, shows it to staff, who apply it to both days', async () => {
    const dayId = `${STATION}_${dayA.date}`;
    await product.ok(LIN, 'deputy', 'confirmDuty', { dayId });
    const input = {
      dayId,
      reason: '当天要参加市人代会专题调研',
      withDeputyId: 'deputy-liu',
      withDate: dayB.date,
      clientRequestId: rid(),
    };
    const views = await Promise.all([
      product.ok(LIN, 'deputy', 'requestSwap', input),
      product.ok(LIN, 'deputy', 'requestSwap', input),
    ]);
    for (const view of views)
      expect(dutyOn(view, dayA.date)).toMatchObject({
        confirmed: false,
        swapRequest: {
          status: 'pending',
          reason: '当天要参加市人代会专题调研',
          withDeputy: { id: 'deputy-liu', name: '刘海波' },
          withDate: dayB.date,
        },
      });
    expect(stored(dayA.date).swapRequests).toHaveLength(1);
    expect(
      await product.call(LIN, 'deputy', 'requestSwap', { ...input, clientRequestId: rid() }),
    ).toMatchObject({ code: 'DUTY.SWAP_PENDING' });

    const [request] = (await dayOf(dayA.date)).swapRequests;
    expect(request).toMatchObject({
      deputy: { id: 'deputy-lin', name: '林晓红' },
      withDeputy: { name: '刘海波' },
      status: 'pending',
    });

    // Two staff members tap 同意 at once: the rosters change once.
    const decision = { date: dayA.date, requestId: request.id, decision: 'apply' };
    const [day] = await Promise.all([
      product.ok(STAFF, 'station', 'decideSwap', decision),
      product.ok(STAFF, 'station', 'decideSwap', decision),
    ]);
    expect(day.roster?.deputies.map((d) => d.id)).toEqual(['deputy-liu', 'deputy-chen']);
    expect(day.swapRequests).toEqual([]);
    expect(stored(dayB.date).deputies).toEqual(['deputy-lin', 'deputy-chen']);
    expect(product.stack.store.getById('reception_attendance', `${STATION}_${dayB.date}`)).toMatchObject({
      deputies: ['deputy-lin', 'deputy-chen'],
    });

    const lin = await duties(LIN);
    expect(dutyOn(lin, dayA.date)).toBeUndefined();
    expect(dutyOn(lin, dayB.date)).toMatchObject({ confirmed: false, swapRequest: null });
    expect(dutyOn(await duties(LIU), dayA.date)).toMatchObject({ confirmed: false });
    expect(
      await product.call(STAFF, 'station', 'decideSwap', { ...decision, decision: 'decline' }),
    ).toMatchObject({ code: 'CONFLICT' });
  });

  it('lets staff choose who takes over, or decline with a note the deputy sees', async () => {
    const dayId = `${STATION}_${dayA.date}`;
    await product.ok(CHEN, 'deputy', 'requestSwap', { dayId, reason: '家中有事', clientRequestId: rid() });
    const [request] = (await dayOf(dayA.date)).swapRequests;
    expect(request).toMatchObject({ deputy: { name: '陈建国' }, withDeputy: null });
    const decision = { date: dayA.date, requestId: request.id, decision: 'apply' };
    expect(await product.call(STAFF, 'station', 'decideSwap', decision)).toMatchObject({
      code: 'INPUT.INVALID',
      fields: { withDeputyId: expect.any(String) },
    });
    expect(
      await product.ok(STAFF, 'station', 'decideSwap', { ...decision, withDeputyId: 'deputy-liu' }),
    ).toMatchObject({ roster: { deputies: [{ id: 'deputy-lin' }, { id: 'deputy-liu' }] } });

    await product.ok(LIN, 'deputy', 'requestSwap', { dayId, reason: '想换到下月', clientRequestId: rid() });
    const [second] = (await dayOf(dayA.date)).swapRequests;
    await product.ok(STAFF, 'station', 'decideSwap', {
      date: dayA.date,
      requestId: second.id,
      decision: 'decline',
      note: '本月人手紧张，请克服一下',
    });
    expect(dutyOn(await duties(LIN), dayA.date)?.swapRequest).toMatchObject({
      status: 'declined',
      note: '本月人手紧张，请克服一下',
    });
    expect((await dayOf(dayA.date)).swapRequests).toEqual([]);
  });

  it('is withdrawn when the deputy confirms after all', async () => {
    const dayId = `${STATION}_${dayA.date}`;
    await product.ok(LIN, 'deputy', 'requestSwap', { dayId, reason: '可能出差', clientRequestId: rid() });
    const [request] = (await dayOf(dayA.date)).swapRequests;
    const view = await product.ok(LIN, 'deputy', 'confirmDuty', { dayId });
    expect(dutyOn(view, dayA.date)).toMatchObject({ confirmed: true, swapRequest: null });
    const mine = stored(dayA.date).swapRequests!.find((r: SwapRequestDoc) => r.id === request.id);
    expect(mine?.status).toBe('withdrawn');
    expect(
      await product.call(STAFF, 'station', 'decideSwap', {
        date: dayA.date,
        requestId: request.id,
        decision: 'apply',
        withDeputyId: 'deputy-liu',
      }),
    ).toMatchObject({ code: 'CONFLICT', message: '代表已撤回这条换班申请' });
  });
});
