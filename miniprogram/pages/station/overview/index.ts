import type { PersonRef, ReceptionPlanView, StationDayView, StationOverviewView } from '../../../core/api';
import { rosterShortfall } from '../../../core/roster';
import { loadable } from '../../../behaviors/loadable';
import { textSize } from '../../../behaviors/text-size';
import * as station from '../../../services/station';
import { shownError } from '../../../utils/errors';
import { swapRequestLine } from '../../../utils/format';
import { navigate, toast } from '../../../utils/ui';

/**
 * 本月概览 for station staff: the month's reception days (moved, added and cancelled ones marked,
 * rosters and attendance), visitors so far and the station's cases. An extra day can be added (加开)
 * on a date from today with a reason. A future day can be moved, cancelled or rostered; a new date on
 * a weekend or holiday is confirmed first. On a day that has come, visitors are registered and
 * attendance is taken.
 * Deputies' confirmations show on their day, and their swap requests wait there for staff to apply
 * (同意, choosing who takes over when the deputy named nobody) or decline (不同意, with a note).
 * `?month=YYYY-MM` opens another month, `?stationId=` a given station. Staff of several stations
 * switch between them here (切换联络站); the pages opened from here follow the chosen station.
 */

export interface DayRow {
  date: string;
  weekday: string;
  cancelled: boolean;
  reason: string;
  /** 顺延自 12月10日、调整自…、加开 */
  notes: string[];
  rosterNames: string;
  rosterState: 'published' | 'draft' | 'none';
  /** 王建国、李秀兰 到场; empty until attendance is taken. */
  attendance: string;
  attendanceTaken: boolean;
  visits: number;
  /** After today: can still be moved, cancelled, rostered. */
  future: boolean;
  /** Today or before: visitors and attendance. */
  held: boolean;
  /** What a coming day's roster lacks (还差 1 名值班代表…), as the roster page says it. */
  warnings: string[];
  /** 林晓红、陈建国: those who confirmed their duty. */
  confirmed: string;
  requests: SwapRow[];
}

export interface SwapRow {
  id: string;
  text: string;
  /** The deputy named who takes over; otherwise staff choose from `candidates`. */
  named: boolean;
  candidates: PersonRef[];
}

interface DayForm {
  kind: 'move' | 'cancel' | 'add';
  /** The day moved or cancelled ('' when adding one). */
  date: string;
  /** The new date, or the date of the day added (加开). */
  toDate: string;
  reason: string;
  reasonLabel: string;
  submitLabel: string;
  error: string;
}

const FORM_LABELS: Record<DayForm['kind'], Pick<DayForm, 'reasonLabel' | 'submitLabel'>> = {
  move: { reasonLabel: '调整原因', submitLabel: '确认调整' },
  cancel: { reasonLabel: '取消原因', submitLabel: '确认取消' },
  add: { reasonLabel: '加开原因', submitLabel: '确认加开' },
};

const dayForm = (kind: DayForm['kind'], date = ''): DayForm => ({
  kind,
  date,
  toDate: '',
  reason: '',
  error: '',
  ...FORM_LABELS[kind],
});

interface AttendanceForm {
  date: string;
  people: Array<{ id: string; name: string; checked: boolean }>;
  /** Those shown present when the form opened: only what staff change here is written. */
  previous: string[];
  error: string;
}

const names = (people: Array<{ name: string }>): string => people.map((person) => person.name).join('、');

export function dayRow(day: StationDayView, today: string, deputies: PersonRef[] = []): DayRow {
  const notes: string[] = [];
  if (day.ruleDate && day.ruleDate !== day.date)
    notes.push(`${day.ruleDate < day.date ? '顺延自' : '提前自'} ${day.ruleDate}`);
  if (day.movedFrom) notes.push(`调整自 ${day.movedFrom}`);
  if (day.extra) notes.push('加开');
  const roster = day.roster;
  const rosterPeople = roster ? [...roster.deputies, ...(roster.leader ? [roster.leader] : [])] : [];
  return {
    date: day.date,
    weekday: day.weekday,
    cancelled: day.cancelled,
    reason: day.reason ?? '',
    notes,
    rosterNames: names(rosterPeople),
    rosterState: !roster || rosterPeople.length === 0 ? 'none' : roster.published ? 'published' : 'draft',
    attendance: day.present ? (day.present.length ? `${names(day.present)} 到场` : '无人到场') : '',
    attendanceTaken: day.present !== null,
    visits: day.visits,
    future: day.date > today,
    held: day.date <= today,
    warnings: roster && day.date >= today ? rosterShortfall(roster) : [],
    confirmed: roster ? names(roster.confirmed) : '',
    requests: day.swapRequests.map((request) => ({
      id: request.id,
      text: swapRequestLine(request),
      named: request.withDeputy !== null,
      candidates: deputies.filter((person) => !roster?.deputies.some((on) => on.id === person.id)),
    })),
  };
}

/** The office's account screens that staff open for their station's share. */
const STATION_ACCOUNTS = [
  { key: 'figures', label: '案件统计' },
  { key: 'rankings', label: '排行' },
  { key: 'unsatisfied', label: '不满意' },
  { key: 'ledger', label: '台账' },
];

const ignoredLabel = (change: ReceptionPlanView['ignored'][number]): string =>
  `${change.kind === 'move' ? '调整' : change.kind === 'cancel' ? '取消' : '加开'} ${change.date}${
    change.to ? ` → ${change.to}` : ''
  }（${change.why === 'NO_SUCH_DAY' ? '该日已不是接待日' : '日期已被占用'}）`;

Component({
  behaviors: [loadable, textSize],
  data: {
    stationId: '',
    month: '',
    view: null as StationOverviewView | null,
    days: [] as DayRow[],
    /** Today's reception day, when there is one. */
    today: null as DayRow | null,
    ignored: [] as string[],
    uncovered: '',
    dayForm: null as DayForm | null,
    attendance: null as AttendanceForm | null,
    busy: false,
    accounts: STATION_ACCOUNTS,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.setData({ stationId: query.stationId ?? '', month: query.month ?? '' });
      void this.load();
    },

    async fetch() {
      this.show(await station.overview(this.data.month || undefined, this.data.stationId || undefined));
    },

    show(view: StationOverviewView) {
      const years = view.uncoveredYears.length ? view.uncoveredYears : view.plan.uncoveredYears;
      const days = view.plan.days.map((day) => dayRow(day, view.today, view.station.deputies));
      this.setData({
        view,
        month: view.month,
        days,
        // A reception day today: its desk work (登记来访) goes to the top of the screen.
        today: days.find((day) => day.date === view.today && !day.cancelled) ?? null,
        ignored: view.plan.ignored.map(ignoredLabel),
        uncovered: years.length ? `${years.join('、')}年的法定节假日尚未公布，接待日期可能还会调整` : '',
        dayForm: null,
        attendance: null,
      });
    },

    /** Staff of several stations: the month of another one. */
    onStation(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const chosen = this.data.view?.stations[Number(event.detail.value)];
      if (!chosen || chosen.id === this.data.view?.station.id) return;
      this.setData({ stationId: chosen.id, dayForm: null, attendance: null });
      void this.refresh();
    },

    /** Another month: what was shown stays until the new month has come. */
    onMonth(event: WechatMiniprogram.BaseEvent<object, { delta: number }>) {
      if (!this.data.month) return;
      this.setData({ month: station.shiftMonth(this.data.month, Number(event.currentTarget.dataset.delta)) });
      void this.refresh();
    },

    /** Back from registering a visitor or a roster: the counts have moved. */
    onShow() {
      if (this.data.view && !this.data.busy) void this.refresh();
    },

    onMove(event: WechatMiniprogram.BaseEvent<object, { date: string }>) {
      this.setData({ dayForm: dayForm('move', event.currentTarget.dataset.date), attendance: null });
    },

    onCancelDay(event: WechatMiniprogram.BaseEvent<object, { date: string }>) {
      this.setData({ dayForm: dayForm('cancel', event.currentTarget.dataset.date), attendance: null });
    },

    /** 加开: an extra reception day on a date staff choose, with a reason. */
    onAddDay() {
      this.setData({ dayForm: dayForm('add'), attendance: null });
    },

    onToDate(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ 'dayForm.toDate': event.detail.value, 'dayForm.error': '' });
    },

    onReason(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ 'dayForm.reason': event.detail.value, 'dayForm.error': '' });
    },

    onCloseForm() {
      this.setData({ dayForm: null, attendance: null });
    },

    onSubmitDay() {
      const form = this.data.dayForm;
      if (!form || this.data.busy) return;
      if (form.kind !== 'cancel' && !form.toDate) {
        this.setData({ 'dayForm.error': form.kind === 'add' ? '请选择加开的日期' : '请选择新的日期' });
        return;
      }
      if (!form.reason.trim()) {
        this.setData({ 'dayForm.error': `请填写${form.reasonLabel}` });
        return;
      }
      this.setData({ busy: true });
      void this.change({
        ...(this.data.stationId ? { stationId: this.data.stationId } : {}),
        kind: form.kind,
        date: form.kind === 'add' ? form.toDate : form.date,
        ...(form.kind === 'move' ? { toDate: form.toDate } : {}),
        reason: form.reason.trim(),
      });
    },

    onRestore(event: WechatMiniprogram.BaseEvent<object, { date: string }>) {
      if (this.data.busy) return;
      this.setData({ busy: true });
      void this.change({
        ...(this.data.stationId ? { stationId: this.data.stationId } : {}),
        kind: 'restore',
        date: event.currentTarget.dataset.date,
        reason: '恢复接待',
      });
    },

    /** Sends a change; a weekend or holiday date is confirmed first, then sent again with force. */
    async change(input: station.ChangeDayInput) {
      try {
        await station.changeDay(input);
        this.setData({ busy: false, dayForm: null });
        toast('已保存', 'success');
        void this.refresh();
      } catch (error) {
        const shown = shownError(error);
        if (shown.code === 'RECEPTION.NOT_WORKDAY' && !input.force) {
          const answer = await wx.showModal({
            title: '该日不是工作日',
            content: `${shown.message}，仍要安排在这一天吗？`,
            confirmText: '仍然安排',
            cancelText: '换一天',
          });
          if (answer.confirm) {
            await this.change({ ...input, force: true });
            return;
          }
          this.setData({ busy: false });
          return;
        }
        this.setData({ busy: false });
        if (this.data.dayForm) this.setData({ 'dayForm.error': shown.message });
        else toast(shown.message);
      }
    },

    /** 同意: a request naming who takes over, after a confirmation. */
    async onApplySwap(event: WechatMiniprogram.BaseEvent<object, { date: string; id: string }>) {
      const { date, id } = event.currentTarget.dataset;
      const answer = await wx.showModal({
        title: '同意换班',
        content: '同意后值班表将按申请调整，请确认已与接替的代表沟通。',
        confirmText: '同意',
      });
      if (answer.confirm) void this.decide({ date, requestId: id, decision: 'apply' });
    },

    /** 同意并指定代班: staff choose who takes over a request naming nobody. */
    onApplySwapTo(
      event: WechatMiniprogram.CustomEvent<
        { value: string },
        object,
        { date: string; id: string; index: number }
      >,
    ) {
      const { date, id, index } = event.currentTarget.dataset;
      const request = this.data.days.find((day) => day.date === date)?.requests[Number(index)];
      const person = request?.candidates[Number(event.detail.value)];
      if (person) void this.decide({ date, requestId: id, decision: 'apply', withDeputyId: person.id });
    },

    async onDeclineSwap(event: WechatMiniprogram.BaseEvent<object, { date: string; id: string }>) {
      const { date, id } = event.currentTarget.dataset;
      const answer = await wx.showModal({
        title: '不同意换班',
        editable: true,
        placeholderText: '说明原因（选填），代表会看到',
        confirmText: '不同意',
      });
      if (answer.confirm)
        void this.decide({
          date,
          requestId: id,
          decision: 'decline',
          note: (answer.content ?? '').trim() || null,
        });
    },

    async decide(input: station.DecideSwapInput) {
      if (this.data.busy) return;
      this.setData({ busy: true });
      try {
        await station.decideSwap({
          ...(this.data.stationId ? { stationId: this.data.stationId } : {}),
          ...input,
        });
        toast(input.decision === 'apply' ? '已调整值班' : '已回复代表', 'success');
      } catch (error) {
        toast(shownError(error).message);
      }
      this.setData({ busy: false });
      void this.refresh();
    },

    onRoster(event: WechatMiniprogram.BaseEvent<object, { date: string }>) {
      const station = this.data.stationId ? `&stationId=${this.data.stationId}` : '';
      navigate(
        `/pages/station/roster/index?month=${this.data.month}&date=${event.currentTarget.dataset.date}${station}`,
      );
    },

    onVisitor(event: WechatMiniprogram.BaseEvent<object, { date: string }>) {
      const station = this.data.stationId ? `&stationId=${this.data.stationId}` : '';
      navigate(`/pages/station/visitor/index?date=${event.currentTarget.dataset.date}${station}`);
    },

    /** The station's share of the office's accounts (统计, 排行, 不满意, 台账), on the office's screens. */
    onAccount(event: WechatMiniprogram.BaseEvent<object, { page: string }>) {
      const station = this.data.stationId ? `&stationId=${this.data.stationId}` : '';
      navigate(`/pages/office/${event.currentTarget.dataset.page}/index?audience=station${station}`);
    },

    /** 今天: the reception day's desk (who is on duty, sign-in, visitors). */
    onToday() {
      const station = this.data.stationId ? `?stationId=${this.data.stationId}` : '';
      navigate(`/pages/station/today/index${station}`);
    },

    onFigures() {
      const station = this.data.stationId ? `?stationId=${this.data.stationId}` : '';
      navigate(`/pages/station/figures/index${station}`);
    },

    /**
     * 签到. Today: on 今天, one person at a time (two staff at once both count). A past day: the
     * rostered deputies (else all the station's), ticked as last recorded, saved as one list.
     */
    onAttendance(event: WechatMiniprogram.BaseEvent<object, { date: string }>) {
      const view = this.data.view;
      const date = event.currentTarget.dataset.date;
      const day = view?.plan.days.find((item) => item.date === date && !item.cancelled);
      if (!view || !day) return;
      if (date === view.today) {
        this.onToday();
        return;
      }
      // Attendance lists deputies; the leader's sign-in is taken on 今天.
      const rostered = day.roster ? day.roster.deputies : [];
      const pool = rostered.length ? rostered : view.station.deputies;
      const present = new Set((day.present ?? []).map((person) => person.id));
      this.setData({
        dayForm: null,
        attendance: {
          date,
          people: pool.map((person) => ({
            id: person.id,
            name: person.name,
            checked: present.has(person.id),
          })),
          previous: pool.filter((person) => present.has(person.id)).map((person) => person.id),
          error: '',
        },
      });
    },

    onTogglePresent(event: WechatMiniprogram.BaseEvent<object, { index: number }>) {
      const index = Number(event.currentTarget.dataset.index);
      const person = this.data.attendance?.people[index];
      if (!person) return;
      this.setData({ [`attendance.people[${index}].checked`]: !person.checked });
    },

    async onSaveAttendance() {
      const form = this.data.attendance;
      if (!form || this.data.busy) return;
      this.setData({ busy: true });
      try {
        await station.recordAttendance(
          form.date,
          {
            present: form.people.filter((person) => person.checked).map((person) => person.id),
            previous: form.previous,
          },
          this.data.stationId || undefined,
        );
        this.setData({ busy: false, attendance: null });
        toast('签到已记录', 'success');
        void this.refresh();
      } catch (error) {
        this.setData({ busy: false, 'attendance.error': shownError(error).message });
      }
    },
  },
});
