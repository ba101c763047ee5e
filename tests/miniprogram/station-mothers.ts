/**
 * Test data builders for the station desk (今天): who is on duty, today's visitors, the day's view.
 * Typed by the contract (miniprogram/core/api.ts), like mothers.ts.
 */
import type { OnDutyView, StationTodayView, TodayVisitorView } from '../../miniprogram/core/api';
import { dutyRosterView, stationDayView, stationView } from './mothers';

export const onDuty = (overrides: Partial<OnDutyView> = {}): OnDutyView => ({
  id: 'deputy-1',
  name: '王建国',
  role: 'deputy',
  title: '',
  phone: '13805910001',
  signedInAt: null,
  ...overrides,
});

export const todayVisitor = (overrides: Partial<TodayVisitorView> = {}): TodayVisitorView => ({
  id: 'visit-1',
  time: '09:05',
  name: '王阿姨',
  receivedByName: '王建国',
  phone: '139****1111',
  summary: '养老服务、停车',
  items: 2,
  answeredOnSpot: false,
  ...overrides,
});

/** The station's 分管领导 on today's roster, with no phone on file. */
export const LEADER = onDuty({
  id: 'leader-1',
  name: '张卫东',
  role: 'leader',
  title: '街道党工委副书记',
  phone: null,
});

/** 10 November, a reception day: 王建国 signed in, 李秀兰 and the leader not yet; two visitors. */
export function todayView(overrides: Partial<StationTodayView> = {}): StationTodayView {
  return {
    station: stationView({ name: '鼓楼区代表之家' }),
    today: '2026-11-10',
    weekday: '周二',
    day: stationDayView({
      roster: dutyRosterView({ leader: { id: 'leader-1', name: '张卫东' } }),
      visits: 2,
    }),
    onDuty: [
      onDuty({ signedInAt: '08:55' }),
      onDuty({ id: 'deputy-2', name: '李秀兰', phone: '13805910002' }),
      LEADER,
    ],
    nextDay: null,
    visitors: [
      todayVisitor({
        id: 'visit-2',
        time: '09:40',
        name: '匿名',
        phone: null,
        summary: '当场答复',
        items: 0,
      }),
      todayVisitor(),
    ],
    ...overrides,
  };
}

/** 12 November, no reception: the next day is 10 December. */
export const NO_RECEPTION = todayView({
  today: '2026-11-12',
  weekday: '周四',
  day: null,
  onDuty: [],
  nextDay: '2026-12-10',
  visitors: [],
});
