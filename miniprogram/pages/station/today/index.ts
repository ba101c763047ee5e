import type { OnDutyView, PersonRef, StationTodayView, TodayVisitorView } from '../../../core/api';
import { daysBetween, weekdayLabel } from '../../../core/china-time';
import { maskPhone } from '../../../core/text';
import { loadable } from '../../../behaviors/loadable';
import { textSize } from '../../../behaviors/text-size';
import * as station from '../../../services/station';
import { shownError } from '../../../utils/errors';
import { callPhone, confirm, navigate, toast } from '../../../utils/ui';

/**
 * 今天 for station staff. On a reception day: who is on duty (the deputies, then the 分管领导) with
 * a button to call each and one to sign them in (签到, recorded with the time; 撤销 takes back one
 * tapped by mistake), 登记来访 as the big
 * button at the bottom, and today's visitors, newest first. On any other day it says when the next
 * reception day is, and visitors who walk in can still be registered. `?stationId=` a given station.
 */

export interface DutyRow {
  id: string;
  name: string;
  /** 代表, or 分管领导 with the leader's title. */
  role: string;
  /** 138****1234, shown; the call itself dials the full number. */
  phoneShown: string;
  canCall: boolean;
  /** 09:05 签到; empty until signed in. */
  signedIn: string;
}

export interface VisitorRow {
  id: string;
  time: string;
  name: string;
  phone: string;
  /** 养老服务、停车 · 接待代表 陈建国 */
  detail: string;
}

export function dutyRow(person: OnDutyView): DutyRow {
  return {
    id: person.id,
    name: person.name,
    role: person.role === 'leader' ? ['分管领导', person.title].filter(Boolean).join(' · ') : '代表',
    phoneShown: maskPhone(person.phone) ?? '未留电话',
    canCall: person.phone !== null,
    signedIn: person.signedInAt ? `${person.signedInAt} 签到` : '',
  };
}

export const visitorRow = (visitor: TodayVisitorView): VisitorRow => ({
  id: visitor.id,
  time: visitor.time,
  name: visitor.name,
  phone: visitor.phone ?? '',
  detail: `${visitor.summary} · 接待代表 ${visitor.receivedByName}`,
});

/** 下一个接待日：6月10日 周三（还有 30 天）, or that none is planned in the next three months. */
export function nextDayLine(today: string, next: string | null): string {
  if (!next) return '近三个月没有安排接待日';
  const [, month, day] = next.split('-').map(Number);
  return `下一个接待日：${month}月${day}日 ${weekdayLabel(next)}（还有 ${daysBetween(today, next)} 天）`;
}

Component({
  behaviors: [loadable, textSize],
  data: {
    stationId: '',
    view: null as StationTodayView | null,
    duty: [] as DutyRow[],
    /** The station's deputies and leaders not on today's list: someone who came to help signs in. */
    others: [] as PersonRef[],
    visitors: [] as VisitorRow[],
    nextDay: '',
    /** The person being signed in, while the request is out. */
    signing: '',
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.setData({ stationId: query.stationId ?? '' });
      void this.load();
    },

    /** Back from registering a visitor: the list has grown. */
    onShow() {
      if (this.data.view && !this.data.signing) void this.refresh();
    },

    async fetch() {
      this.show(await station.today(this.data.stationId || undefined));
    },

    show(view: StationTodayView) {
      this.setData({
        view,
        duty: view.onDuty.map(dutyRow),
        others: view.day
          ? [...view.station.deputies, ...view.station.leaders].filter(
              (person) => !view.onDuty.some((listed) => listed.id === person.id),
            )
          : [],
        visitors: view.visitors.map(visitorRow),
        nextDay: view.day ? '' : nextDayLine(view.today, view.nextDay),
      });
    },

    onSignIn(event: WechatMiniprogram.BaseEvent<object, { id: string }>) {
      void this.signIn(event.currentTarget.dataset.id);
    },

    /** Someone not on the roster who came (a deputy helping out): chosen from the station's people. */
    onSignInOther(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const person = this.data.others[Number(event.detail.value)];
      if (person) void this.signIn(person.id);
    },

    async signIn(id: string) {
      if (this.data.signing) return;
      this.setData({ signing: id });
      try {
        this.show(await station.signIn(id, this.data.stationId || undefined));
        toast('已签到', 'success');
      } catch (error) {
        toast(shownError(error).message);
      }
      this.setData({ signing: '' });
    },

    /** 撤销: a sign-in tapped for the wrong person, after a question. */
    async onCancelSignIn(event: WechatMiniprogram.BaseEvent<object, { id: string }>) {
      const { id } = event.currentTarget.dataset;
      const person = this.data.duty.find((row) => row.id === id);
      if (!person || this.data.signing) return;
      if (!(await confirm('撤销签到', `撤销${person.name}的签到？`, '撤销', '不撤销'))) return;
      this.setData({ signing: id });
      try {
        this.show(await station.cancelSignIn(id, this.data.stationId || undefined));
        toast('已撤销签到');
      } catch (error) {
        toast(shownError(error).message);
      }
      this.setData({ signing: '' });
    },

    onCall(event: WechatMiniprogram.BaseEvent<object, { id: string }>) {
      const person = this.data.view?.onDuty.find((p) => p.id === event.currentTarget.dataset.id);
      if (person?.phone) callPhone(person.phone);
    },

    onVisitor() {
      const view = this.data.view;
      if (!view) return;
      const scoped = this.data.stationId ? `&stationId=${this.data.stationId}` : '';
      navigate(`/pages/station/visitor/index?date=${view.today}${scoped}`);
    },

    onOverview() {
      const scoped = this.data.stationId ? `?stationId=${this.data.stationId}` : '';
      navigate(`/pages/station/overview/index${scoped}`);
    },
  },
});
