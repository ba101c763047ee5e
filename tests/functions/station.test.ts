import type { StationDayView, StationOverviewView } from '../../miniprogram/core/api';
import { TEMPLATES } from '../../miniprogram/core/notifications';
import type { Result } from '../../miniprogram/core/result';
import { officialCalendar } from '../../cloudfunctions/_lib/calendar';
import type { CaseDoc, ReceptionDayDoc } from '../../cloudfunctions/_lib/platform';
import { DUTY_REMINDER_PAGE } from '../../cloudfunctions/_lib/reception';
import { DEV_DEPUTY_OPENID, DEV_OFFICE_OPENID, DEV_STAFF_OPENID } from '../../stack/seed';
import { startProduct } from '../helpers/project-stack';
import { addDays, chinaDate } from '../../miniprogram/core/china-time';

/**
 * Station staff on the real stack: the month at a glance, reception days moved and cancelled, duty
 * rosters proposed, saved and published (and shown on the landing page), the visitor log turning
 * items into cases in the deputy's inbox, attendance, figures, and the duty reminder the day before.
 * The seeded 代表之家 (station-gulou-home) receives on the 10th, postponed past holidays; its deputies
 * are 陈建国 (deputy-chen), 林晓红 (deputy-lin, bound to dev-deputy-openid) and 刘海波 (deputy-liu).
 * The stack's clock stands on Monday 20 April 2026, a working day that is no reception day, in a year
 * the official calendar covers. The station's days around it: 10 March, 10 April (held), 11 May (the
 * 10th is a Sunday), 10 June, 10 July, 10 August.
 */

const STATION = 'station-gulou-home';
const STAFF = DEV_STAFF_OPENID;
const CHEN_OPENID = 'o-deputy-chen';

let product: Awaited<ReturnType<typeof startProduct>>;
let seq = 0;
const rid = () => `st-${Date.now().toString(36)}-${++seq}-abcdef`;
const today = '2026-04-20';

/** YYYY-MM, `n` months after today's month. */
function monthAfter(n: number): string {
  const [y, m] = today.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return d.toISOString().slice(0, 7);
}

const overview = (month: string, openid = STAFF) =>
  product.ok(openid, 'station', 'overview', { month }) as Promise<StationOverviewView>;

/** The first reception day (held, not cancelled) of a month. */
async function firstDayOf(month: string): Promise<StationDayView> {
  const day = (await overview(month)).plan.days.find((d) => !d.cancelled);
  if (!day) throw new Error(`no reception day in ${month}`);
  return day;
}

/** The next working day after `date` that is not already a reception day. */
function nextWorkday(date: string): string {
  let d = addDays(date, 1);
  while (!officialCalendar.isWorkday(d)) d = addDays(d, 1);
  return d;
}

const casesOfVisit = (caseIds: string[]) =>
  caseIds.map((id) => product.stack.store.getById('cases', id) as unknown as CaseDoc);

const runTimer = async (action: string, now: number) => {
  const { result } = (await product.admin.callFunction({ name: 'timers', data: { action, now } })) as {
    result: Result<Record<string, number>>;
  };
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result.data;
};

/** Duty reminders sent (errcode 0) for a date, as their recipients. */
async function dutyRemindersFor(date: string) {
  return (await product.wxCalls('subscribeMessage.send'))
    .filter(
      (c) =>
        c.errcode === 0 &&
        c.request.page === DUTY_REMINDER_PAGE &&
        (c.request.data as Record<string, { value: string }>).character_string1.value === date,
    )
    .map((c) => c.request.touser as string);
}

// The months the tests work in, apart so that they do not disturb each other: the next reception
// day (rosters, landing page, reminder), two months on (moves), three months on (cancellations).
let next: StationDayView;

beforeAll(async () => {
  product = await startProduct({ clock: { now: `${today}T10:00:00+08:00` } });
  // A station with no reception rule yet, and its staff member.
  product.stack.store.insert('stations', [
    {
      _id: 'station-norule',
      code: 'S0099',
      name: '新建联络点',
      level: 'contact_point',
      address: '福州市鼓楼区某路 1 号',
      location: null,
      openingHours: '工作日 9:00–17:00',
      receptionRule: null,
      active: true,
    },
  ]);
  product.stack.store.insert('users', [
    {
      _id: 'o-staff-norule',
      openid: 'o-staff-norule',
      name: '李娜',
      roles: [{ role: 'staff', stationId: 'station-norule', staffId: 'staff-norule' }],
    },
  ]);
  // 陈建国 binds his WeChat account too; both he and 林晓红 allow the handlers' template.
  product.stack.store.update(
    'deputies',
    { _id: 'deputy-chen' },
    { $set: { openid: CHEN_OPENID } },
    { multi: false, upsert: false, merge: true },
  );
  for (const openid of [DEV_DEPUTY_OPENID, CHEN_OPENID]) {
    for (let i = 0; i < 10; i++) {
      await product.grantConsent(openid, TEMPLATES.caseProgress.id);
      await product.grantConsent(openid, TEMPLATES.caseReceived.id);
    }
  }
  const thisMonth = (await overview(today.slice(0, 7))).plan.days.find((d) => !d.cancelled && !d.past);
  next = thisMonth ?? (await firstDayOf(monthAfter(1)));
});
afterAll(() => product.close());

it('stands on the day the stack says it is', async () => {
  expect(chinaDate(product.now())).toBe(today);
  // April's day has passed, so the next one is May's, postponed off the Sunday.
  expect(await firstDayOf('2026-04')).toMatchObject({ date: '2026-04-10', past: true });
  expect(next.date).toBe('2026-05-11');
});

describe('access', () => {
  it('lets staff of the station and the office read, and nobody else', async () => {
    const view = await overview(today.slice(0, 7));
    expect(view.station).toMatchObject({
      id: STATION,
      name: '鼓楼区人大代表之家',
      ruleLabel: '每月10日（节假日顺延）',
    });
    expect(view.station.deputies.map((d) => d.name).sort()).toEqual(['刘海波', '林晓红', '陈建国'].sort());

    expect(
      await product.ok(DEV_OFFICE_OPENID, 'station', 'overview', { stationId: STATION, month: view.month }),
    ).toMatchObject({ station: { id: STATION } });
    expect(await product.call(DEV_OFFICE_OPENID, 'station', 'overview', {})).toMatchObject({
      code: 'INPUT.INVALID',
    });
    // The office reads; it does not plan a station's days.
    expect(
      await product.call(DEV_OFFICE_OPENID, 'station', 'changeDay', {
        stationId: STATION,
        kind: 'cancel',
        date: next.date,
        reason: '测试',
      }),
    ).toMatchObject({ code: 'AUTH.FORBIDDEN' });
    for (const openid of [DEV_DEPUTY_OPENID, 'o-resident']) {
      expect(await product.call(openid, 'station', 'overview', {})).toMatchObject({ code: 'AUTH.FORBIDDEN' });
    }
    expect(view.stations).toEqual([{ id: STATION, name: '鼓楼区人大代表之家' }]);
    // Staff of one station cannot name another.
    expect(await product.call(STAFF, 'station', 'overview', { stationId: 'station-dongjie' })).toMatchObject({
      code: 'AUTH.FORBIDDEN',
    });
  });
});

describe('staff of several stations', () => {
  it('lists their stations, opens the first, and opens another when named', async () => {
    product.stack.store.insert('users', [
      {
        _id: 'o-staff-two',
        openid: 'o-staff-two',
        name: '吴芳',
        roles: [
          { role: 'staff', stationId: STATION },
          { role: 'staff', stationId: 'station-dongjie' },
        ],
      },
    ]);
    const first = await overview(today.slice(0, 7), 'o-staff-two');
    expect(first.station.id).toBe(STATION);
    expect(first.stations.map((s) => s.id)).toEqual([STATION, 'station-dongjie']);
    const other = await product.ok('o-staff-two', 'station', 'overview', { stationId: 'station-dongjie' });
    expect(other.station.id).toBe('station-dongjie');
    expect(
      await product.call('o-staff-two', 'station', 'overview', { stationId: 'station-x' }),
    ).toMatchObject({
      code: 'AUTH.FORBIDDEN',
    });
    // The office reads any station it names, and works for none.
    expect(
      (await product.ok(DEV_OFFICE_OPENID, 'station', 'overview', { stationId: STATION })).stations,
    ).toEqual([]);
  });
});

describe('the month at a glance', () => {
  it('shows the reception days from the rule, their rosters, visitors and cases, and uncovered years', async () => {
    const view = await overview('2026-05');
    expect(view.month).toBe('2026-05');
    // 10 May 2026 is a Sunday: the day is postponed to the next working day (节假日顺延).
    expect(view.plan.days).toEqual([
      expect.objectContaining({
        date: '2026-05-11',
        ruleDate: '2026-05-10',
        origin: 'rule',
        cancelled: false,
        past: false,
        visits: 0,
      }),
    ]);
    expect(view.uncoveredYears).toEqual([]);
    expect(view.cases).toEqual({ opened: 0, answered: 0, open: 0, overdue: 0 });
    expect(view.visitors).toEqual({ visits: 0, answeredOnSpot: 0 });
    // 2027's holidays are not announced yet: its days are shown, flagged as uncovered.
    expect(officialCalendar.covers(2027)).toBe(false);
    const unknown = await overview('2027-01');
    expect(unknown.uncoveredYears).toEqual([2027]);
    expect(unknown.plan.days.map((d) => d.date)).toEqual(['2027-01-11']);
    expect(await product.call(STAFF, 'station', 'overview', { month: '2026-13' })).toMatchObject({
      code: 'INPUT.INVALID',
    });
  });

  it('answers a station with no rule clearly: no days, and changes refused', async () => {
    const view = await overview(today.slice(0, 7), 'o-staff-norule');
    expect(view.station).toMatchObject({ name: '新建联络点', ruleLabel: null });
    expect(view.plan.days).toEqual([]);
    for (const [action, data] of [
      ['changeDay', { kind: 'add', date: addDays(today, 3), reason: '首次接待' }],
      ['proposeRoster', { from: today, to: addDays(today, 30) }],
      ['saveRoster', { date: addDays(today, 3), deputyIds: [], publish: false }],
    ] as const) {
      const result = await product.call('o-staff-norule', 'station', action, data);
      expect(result).toMatchObject({ ok: false, code: 'RECEPTION.NO_RULE' });
      if (!result.ok) expect(result.message).toContain('还没有设置接待日规则');
    }
  });
});

describe('changing reception days', () => {
  it('moves a day with a reason, its draft roster following it, and restores it', async () => {
    const day = await firstDayOf(monthAfter(2));
    await product.ok(STAFF, 'station', 'saveRoster', {
      date: day.date,
      deputyIds: ['deputy-liu'],
      publish: false,
    });
    const to = nextWorkday(day.date);
    const plan = await product.ok(STAFF, 'station', 'changeDay', {
      kind: 'move',
      date: day.date,
      toDate: to,
      reason: '会议室维修，顺延一天',
    });
    expect(plan.days.find((d) => d.date === to)).toMatchObject({
      movedFrom: day.date,
      reason: '会议室维修，顺延一天',
      cancelled: false,
      roster: { deputies: [{ id: 'deputy-liu', name: '刘海波' }], published: false, shortBy: 1 },
    });
    expect(plan.days.some((d) => d.date === day.date)).toBe(false);
    const stationDoc = product.stack.store.getById('stations', STATION)!;
    expect(stationDoc).toMatchObject({
      receptionChanges: [{ kind: 'move', date: day.date, to, reason: '会议室维修，顺延一天' }],
      receptionVersion: 1,
    });

    // Moving onto a weekend needs confirming; a day that is not a reception day cannot be moved.
    let weekend = addDays(day.date, 1);
    while (officialCalendar.isWorkday(weekend)) weekend = addDays(weekend, 1);
    expect(
      await product.call(STAFF, 'station', 'changeDay', {
        kind: 'move',
        date: to,
        toDate: weekend,
        reason: '周末加开',
      }),
    ).toMatchObject({ code: 'RECEPTION.NOT_WORKDAY' });
    expect(
      await product.call(STAFF, 'station', 'changeDay', {
        kind: 'move',
        date: addDays(to, 2),
        toDate: addDays(to, 3),
        reason: '调整',
      }),
    ).toMatchObject({ code: 'RECEPTION.NO_SUCH_DAY' });
    expect(
      await product.call(STAFF, 'station', 'changeDay', { kind: 'cancel', date: to, reason: '' }),
    ).toMatchObject({ code: 'INPUT.INVALID', fields: { reason: expect.any(String) } });

    const restored = await product.ok(STAFF, 'station', 'changeDay', { kind: 'restore', date: to });
    expect(restored.days.find((d) => d.date === day.date)).toMatchObject({
      movedFrom: null,
      roster: { deputies: [{ id: 'deputy-liu' }] },
    });
  });

  it('cancels a day with a reason, and refuses to change a day in the past', async () => {
    const day = await firstDayOf(monthAfter(3));
    const plan = await product.ok(STAFF, 'station', 'changeDay', {
      kind: 'cancel',
      date: day.date,
      reason: '与区人代会会期冲突',
    });
    expect(plan.days.find((d) => d.date === day.date)).toMatchObject({
      cancelled: true,
      reason: '与区人代会会期冲突',
    });
    const month = await overview(monthAfter(3));
    expect(month.plan.days.filter((d) => !d.cancelled).map((d) => d.date)).not.toContain(day.date);

    const last = (await overview(monthAfter(-1))).plan.days[0];
    const past = await product.call(STAFF, 'station', 'changeDay', {
      kind: 'cancel',
      date: last.date,
      reason: '补登取消',
    });
    expect(past).toMatchObject({ ok: false, code: 'RECEPTION.DATE_PAST' });
    if (!past.ok) expect(past.message).toContain('已经过去');
  });
});

describe('duty rosters', () => {
  it('proposes a fair rotation that respects declared unavailability', async () => {
    const end = addDays(next.date, 70);
    let proposal = await product.ok(STAFF, 'station', 'proposeRoster', { from: today, to: end });
    expect(proposal.deputiesPerDay).toBe(2);
    expect(proposal.days.length).toBeGreaterThanOrEqual(2);
    expect(proposal.days[0].date).toBe(next.date);
    const [first, second] = proposal.days.map((d) => d.proposal.deputies.map((p) => p.id));
    expect(first).toHaveLength(2);
    // Nobody has served yet: by id; then whoever did not serve on the first day comes first.
    expect(first).toEqual(['deputy-chen', 'deputy-lin']);
    expect(second[0]).toBe('deputy-liu');

    // 陈建国 declares he is away on the first day.
    product.stack.store.update(
      'deputies',
      { _id: 'deputy-chen' },
      { $set: { unavailability: [{ from: next.date, to: next.date, reason: '出差' }] } },
      { multi: false, upsert: false, merge: true },
    );
    proposal = await product.ok(STAFF, 'station', 'proposeRoster', { from: today, to: end });
    expect(proposal.days[0].proposal.deputies.map((p) => p.id)).toEqual(['deputy-lin', 'deputy-liu']);
    expect(
      await product.call(STAFF, 'station', 'saveRoster', {
        date: next.date,
        deputyIds: ['deputy-chen', 'deputy-lin'],
        publish: false,
      }),
    ).toMatchObject({ code: 'ROSTER.UNAVAILABLE' });
    product.stack.store.update(
      'deputies',
      { _id: 'deputy-chen' },
      { $set: { unavailability: [] } },
      { multi: false, upsert: false, merge: true },
    );
  });

  it("refuses another station's deputy, a date that is no reception day, and a day in the past", async () => {
    const foreign = await product.call(STAFF, 'station', 'saveRoster', {
      date: next.date,
      deputyIds: ['deputy-lin', 'deputy-wang'],
      publish: true,
    });
    expect(foreign).toMatchObject({ ok: false, code: 'ROSTER.NOT_STATION_DEPUTY' });
    if (!foreign.ok) expect(foreign.message).toBe('值班代表必须是本站的代表');
    expect(
      await product.call(STAFF, 'station', 'saveRoster', {
        date: addDays(next.date, 1),
        deputyIds: ['deputy-lin'],
        publish: true,
      }),
    ).toMatchObject({ code: 'RECEPTION.NO_SUCH_DAY' });
    const last = (await overview(monthAfter(-1))).plan.days[0];
    expect(
      await product.call(STAFF, 'station', 'saveRoster', {
        date: last.date,
        deputyIds: ['deputy-lin'],
        publish: true,
      }),
    ).toMatchObject({ code: 'RECEPTION.DATE_PAST' });
    expect(
      await product.call(STAFF, 'station', 'saveRoster', {
        date: next.date,
        deputyIds: ['deputy-lin', 'deputy-chen', 'deputy-liu'],
        publish: true,
      }),
    ).toMatchObject({ code: 'ROSTER.SIZE' });
    expect(product.stack.store.getById('reception_days', `${STATION}_${next.date}`)).toBeNull();
  });

  it('publishes a roster: the landing page shows the deputies on duty', async () => {
    const draft = await product.ok(STAFF, 'station', 'saveRoster', {
      date: next.date,
      deputyIds: ['deputy-lin', 'deputy-chen'],
      publish: false,
    });
    expect(draft.roster).toMatchObject({ published: false, shortBy: 0 });
    const landing = async () => {
      const view = await product.ok('o-visitor', 'resident', 'landing', { type: 'station', code: 'S0001' });
      if (view.target !== 'station') throw new Error('expected a station');
      return view.nextReceptions.find((r) => r.date === next.date);
    };
    // A draft is not shown.
    expect((await landing())?.deputiesOnDuty).toEqual([]);

    const day = await product.ok(STAFF, 'station', 'saveRoster', {
      date: next.date,
      deputyIds: ['deputy-lin', 'deputy-chen'],
      publish: true,
    });
    expect(day).toMatchObject({
      date: next.date,
      roster: {
        deputies: [
          { id: 'deputy-lin', name: '林晓红' },
          { id: 'deputy-chen', name: '陈建国' },
        ],
        published: true,
      },
    });
    expect((await landing())?.deputiesOnDuty).toEqual(['林晓红', '陈建国']);
    const deputyLanding = await product.ok('o-visitor', 'resident', 'landing', {
      type: 'deputy',
      code: 'D00006',
    });
    if (deputyLanding.target !== 'deputy') throw new Error('expected a deputy');
    expect(deputyLanding.nextReception).toMatchObject({
      date: next.date,
      deputiesOnDuty: ['林晓红', '陈建国'],
    });
    // The published roster feeds the deputy record (reception_attendance), attendance not yet taken.
    expect(product.stack.store.getById('reception_attendance', `${STATION}_${next.date}`)).toMatchObject({
      stationId: STATION,
      date: next.date,
      deputies: ['deputy-lin', 'deputy-chen'],
      present: null,
    });
  });
});

describe('the visitor log', () => {
  /** The latest reception day that is today or already past. */
  let held: StationDayView;

  beforeAll(async () => {
    held = await firstDayOf(today.slice(0, 7));
  });

  it('turns each item into a case the receiving deputy sees in the inbox, once however often retried', async () => {
    const photo = await product.uploadPhoto(STAFF, 'desk-1');
    const input = {
      date: held.date,
      receivedBy: 'deputy-lin',
      visitorName: '王阿姨',
      anonymous: false,
      phone: '13900001111',
      items: [
        {
          kind: 'help',
          category: 'elderly',
          description: '小区老年食堂停办了，老人吃饭不方便，希望恢复。',
          photos: [photo],
        },
        { kind: 'suggestion', category: 'parking', description: '建议在菜市场旁边划出临时停车位。' },
      ],
      answeredOnSpot: false,
      clientRequestId: rid(),
    };
    const visit = await product.ok(STAFF, 'station', 'registerVisitor', input);
    expect(visit).toMatchObject({
      date: held.date,
      receivedBy: { id: 'deputy-lin', name: '林晓红' },
      answeredOnSpot: false,
      replayed: false,
    });
    expect(visit.cases.map((c) => c.categoryName)).toEqual(['养老服务', '停车']);
    const caseIds = visit.cases.map((c) => c.caseId);

    const [first, second] = casesOfVisit(caseIds);
    for (const doc of [first, second]) {
      expect(doc).toMatchObject({
        channel: 'reception_day',
        deputyId: 'deputy-lin',
        stationId: STATION,
        status: 'submitted',
        openid: '',
        contactName: '王阿姨',
        phone: '13900001111',
        visit: { id: visit.visitId, date: held.date },
        unreadByDeputy: true,
      });
      expect(doc.events).toEqual([
        expect.objectContaining({
          type: 'submitted',
          actor: { role: 'staff', id: STATION, name: '周敏' },
          note: expect.stringContaining('接待代表：林晓红'),
        }),
      ]);
      // The deputy is told as for any new case.
      expect(doc.outbox[0]).toMatchObject({
        template: 'caseReceived',
        to: DEV_DEPUTY_OPENID,
        // Delivered at once; written back as sent by the sweep when its claim expires.
        status: 'sending',
        quietOnSuccess: true,
      });
    }
    // The staff member's upload is adopted under the case: its id names no one.
    expect(first.photos).toEqual([
      expect.objectContaining({ fileID: photo.replace(/appeals\/.+\//, `cases/${first._id}/`) }),
    ]);

    const inbox = await product.ok(DEV_DEPUTY_OPENID, 'deputy', 'inbox', { tab: 'open' });
    expect(inbox.items.filter((i) => caseIds.includes(i.id))).toEqual([
      expect.objectContaining({ channel: 'reception_day', submitter: '王阿姨', phoneMasked: '139****1111' }),
      expect.objectContaining({ channel: 'reception_day' }),
    ]);
    // Into the same casework flow: the deputy answers one of them.
    await product.ok(DEV_DEPUTY_OPENID, 'deputy', 'reply', {
      caseId: caseIds[1],
      content: '已与街道沟通，下月起试行临时停车位。',
      clientRequestId: rid(),
    });

    // A retried registration, even two racing, stores nothing new.
    const casesBefore = product.stack.store.count('cases', {});
    const retries = await Promise.all([
      product.ok(STAFF, 'station', 'registerVisitor', input),
      product.ok(STAFF, 'station', 'registerVisitor', input),
    ]);
    for (const retry of retries) {
      expect(retry).toMatchObject({ visitId: visit.visitId, replayed: true });
      expect(retry.cases.map((c) => c.caseId)).toEqual(caseIds);
    }
    expect(product.stack.store.count('cases', {})).toBe(casesBefore);
    expect(product.stack.store.count('visitors', { _id: visit.visitId })).toBe(1);
  });

  it('counts a visitor answered on the spot without opening a case', async () => {
    const casesBefore = product.stack.store.count('cases', {});
    const visit = await product.ok(STAFF, 'station', 'registerVisitor', {
      date: held.date,
      receivedBy: 'deputy-lin',
      anonymous: true,
      items: [],
      answeredOnSpot: true,
      answer: '已当场解释医保异地备案的办理流程。',
      clientRequestId: rid(),
    });
    expect(visit).toMatchObject({ answeredOnSpot: true, cases: [] });
    expect(product.stack.store.count('cases', {})).toBe(casesBefore);
    const month = await overview(held.date.slice(0, 7));
    expect(month.visitors).toEqual({ visits: 2, answeredOnSpot: 1 });
    expect(month.plan.days.find((d) => d.date === held.date)?.visits).toBe(2);
    expect(month.cases).toMatchObject({ opened: 2, answered: 1, open: 1 });
  });

  it('refuses a future date, a past day that was no reception day, another station’s deputy, and bad items', async () => {
    const base = {
      receivedBy: 'deputy-lin',
      anonymous: true,
      items: [],
      answeredOnSpot: true,
      clientRequestId: rid(),
    };
    expect(
      await product.call(STAFF, 'station', 'registerVisitor', { ...base, date: addDays(today, 1) }),
    ).toMatchObject({ code: 'INPUT.INVALID', fields: { date: expect.any(String) } });
    expect(
      await product.call(STAFF, 'station', 'registerVisitor', {
        ...base,
        date: '2026-04-09',
        clientRequestId: rid(),
      }),
    ).toMatchObject({ code: 'RECEPTION.NO_SUCH_DAY' });
    expect(
      await product.call(STAFF, 'station', 'registerVisitor', {
        ...base,
        date: held.date,
        receivedBy: 'deputy-wang',
        clientRequestId: rid(),
      }),
    ).toMatchObject({ code: 'ROSTER.NOT_STATION_DEPUTY' });
    expect(
      await product.call(STAFF, 'station', 'registerVisitor', {
        ...base,
        date: held.date,
        answeredOnSpot: false,
        items: [{ kind: 'help', category: 'elderly', description: '短' }],
        clientRequestId: rid(),
      }),
    ).toMatchObject({ code: 'INPUT.INVALID', fields: { 'items.0.description': expect.any(String) } });
    expect(
      await product.call(STAFF, 'station', 'registerVisitor', {
        ...base,
        date: held.date,
        answeredOnSpot: false,
        clientRequestId: rid(),
      }),
    ).toMatchObject({ code: 'INPUT.INVALID', fields: { items: expect.any(String) } });
    // Desk photos are checked as a resident's are: the staff member's own uploads, still in storage.
    const item = { kind: 'help', category: 'elderly', description: '楼道灯坏了很久，老人上下楼不便。' };
    const visitWith = (photos: string[]) =>
      product.call(STAFF, 'station', 'registerVisitor', {
        ...base,
        date: held.date,
        answeredOnSpot: false,
        items: [{ ...item, photos }],
        clientRequestId: rid(),
      });
    const someoneElses = await product.uploadPhoto('o-resident', 'not-staff');
    expect(await visitWith([someoneElses])).toMatchObject({
      code: 'INPUT.INVALID',
      fields: { 'items.0.photos': '只能使用您本人上传的照片' },
    });
    const own = await product.uploadPhoto(STAFF, 'desk-gone');
    expect(await visitWith([own.replace(/[^/]+$/, 'missing.jpg')])).toMatchObject({
      code: 'PHOTO.INVALID',
      fields: { 'items.0.photos': expect.any(String) },
    });
    expect(await visitWith(Array.from({ length: 10 }, (_, i) => `${own}-${i}`))).toMatchObject({
      code: 'INPUT.INVALID',
      fields: { 'items.0.photos': '最多上传 9 张照片' },
    });
    // A walk-in today is received even though today is no reception day.
    expect(
      await product.ok(STAFF, 'station', 'registerVisitor', { ...base, date: today, clientRequestId: rid() }),
    ).toMatchObject({ date: today, answeredOnSpot: true });
  });

  it('records attendance, which feeds the deputy record', async () => {
    // A roster published before the day (as staff would have done), for the record to count.
    const id = `${STATION}_${held.date}`;
    const rostered = ['deputy-lin', 'deputy-liu'];
    const roster: Partial<ReceptionDayDoc> = {
      _id: id,
      stationId: STATION,
      originDate: held.date,
      date: held.date,
      deputies: rostered,
      leader: null,
      published: true,
      publishedAt: Date.parse('2026-04-03T10:00:00+08:00'),
      rosterBy: null,
      present: null,
      attendanceAt: null,
      attendanceBy: null,
      outbox: [],
      outboxDueAt: null,
      outboxRev: 0,
      version: 1,
    };
    product.stack.store.insert('reception_days', [roster as Record<string, unknown>]);

    expect(
      await product.call(STAFF, 'station', 'recordAttendance', {
        date: held.date,
        presentDeputyIds: ['deputy-wang'],
      }),
    ).toMatchObject({ code: 'ROSTER.NOT_STATION_DEPUTY' });
    expect(
      await product.call(STAFF, 'station', 'recordAttendance', { date: next.date, presentDeputyIds: [] }),
    ).toMatchObject({ code: 'RECEPTION.NOT_YET' });

    const day = await product.ok(STAFF, 'station', 'recordAttendance', {
      date: held.date,
      presentDeputyIds: ['deputy-lin'],
    });
    expect(day.present).toEqual([{ id: 'deputy-lin', name: '林晓红' }]);
    expect(product.stack.store.getById('reception_attendance', id)).toMatchObject({
      stationId: STATION,
      date: held.date,
      deputies: rostered,
      present: ['deputy-lin'],
    });
    const record = await product.ok(DEV_DEPUTY_OPENID, 'deputy', 'record', {
      year: Number(held.date.slice(0, 4)),
    });
    expect(record.receptionDaysAttended).toBeGreaterThanOrEqual(1);
    expect(record.receptionDaysRostered).toBeGreaterThanOrEqual(record.receptionDaysAttended);

    // On a day with a roster and attendance, the deputy who received a visitor must be on duty.
    const offDuty = ['deputy-chen', 'deputy-lin', 'deputy-liu'].find((d) => !rostered.includes(d));
    expect(
      await product.call(STAFF, 'station', 'registerVisitor', {
        date: held.date,
        receivedBy: offDuty,
        anonymous: true,
        items: [],
        answeredOnSpot: true,
        clientRequestId: rid(),
      }),
    ).toMatchObject({ code: 'ROSTER.NOT_ON_DUTY' });
  });

  it('gives the figures for a period: visits, suggestions, handled, remaining, answered on the spot', async () => {
    const from = '2026-04-01';
    const figures = await product.ok(STAFF, 'station', 'figures', { from, to: today });
    // The two visitors of 10 April and today's walk-in.
    expect(figures).toMatchObject({
      from,
      to: today,
      visits: 3,
      answeredOnSpot: 2,
      visitsWithCases: 1,
      suggestions: 2,
      fromVisits: 2,
      handled: 1,
      answered: 1,
      remaining: 1,
      overdue: 0,
      replied: 1,
      rated: 0,
      satisfactionRate: null,
    });
    expect(figures.byKind).toMatchObject({ help: 1, suggestion: 1 });
    expect(
      await product.ok(DEV_OFFICE_OPENID, 'station', 'figures', { stationId: STATION, from, to: today }),
    ).toEqual(figures);
    expect(await product.call(STAFF, 'station', 'figures', { from: today, to: from })).toMatchObject({
      code: 'INPUT.INVALID',
    });
  });
});

describe('the duty reminder', () => {
  it('tells each bound deputy on duty once, the evening before, and nobody for a cancelled day', async () => {
    const eveningBefore = Date.parse(`${addDays(next.date, -1)}T18:00:00+08:00`);
    expect(await runTimer('reception', eveningBefore - 86_400_000)).toEqual({ days: 0, reminders: 0 });
    expect(await runTimer('reception', eveningBefore)).toEqual({ days: 1, reminders: 2 });
    expect((await dutyRemindersFor(next.date)).sort()).toEqual([CHEN_OPENID, DEV_DEPUTY_OPENID].sort());
    // Run again (a retried trigger): nothing more.
    expect(await runTimer('reception', eveningBefore + 60_000)).toEqual({ days: 0, reminders: 0 });
    // The outbox sweep (which retries failed reminders) finds nothing left to send for the day.
    await runTimer('outbox', eveningBefore + 10 * 60_000);
    expect(await dutyRemindersFor(next.date)).toHaveLength(2);
    const doc = product.stack.store.getById(
      'reception_days',
      `${STATION}_${next.date}`,
    ) as unknown as ReceptionDayDoc;
    expect(doc.outbox.map((j) => j.status)).toEqual(['sent', 'sent']);

    // A published day later cancelled is not reminded.
    const later = await firstDayOf(monthAfter(4));
    await product.ok(STAFF, 'station', 'saveRoster', {
      date: later.date,
      deputyIds: ['deputy-lin', 'deputy-chen'],
      publish: true,
    });
    await product.ok(STAFF, 'station', 'changeDay', { kind: 'cancel', date: later.date, reason: '集中视察' });
    expect(product.stack.store.getById('reception_attendance', `${STATION}_${later.date}`)).toBeNull();
    const before = Date.parse(`${addDays(later.date, -1)}T18:00:00+08:00`);
    expect(await runTimer('reception', before)).toEqual({ days: 0, reminders: 0 });
    expect(await dutyRemindersFor(later.date)).toEqual([]);
  });
});
