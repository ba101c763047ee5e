import type { DutyView, MyDutiesView, PersonRef } from '../../../core/api';
import { newClientRequestId } from '../../../core/ids';
import { loadable } from '../../../behaviors/loadable';
import { textSize } from '../../../behaviors/text-size';
import * as deputy from '../../../services/deputy';
import { shownError } from '../../../utils/errors';
import { swapRequestText } from '../../../utils/format';
import { toast } from '../../../utils/ui';

/**
 * 我的值班: the deputy's upcoming reception-day duties (the duty reminder opens this page). Each duty
 * can be confirmed (确认值班) or handed over (申请换班) with a reason, naming a colleague and their
 * day to exchange if the deputy has agreed one with them; staff apply or decline the request
 * (cloudfunctions/_lib/reception/duties.ts), and the outcome shows here. A station's 分管领导 bound
 * to the app sees their days here too, read only (`view.role` 'leader'): who is on duty with them.
 */

export interface DutyRow {
  dayId: string;
  date: string;
  weekday: string;
  stationName: string;
  colleagues: string;
  confirmed: boolean;
  /** A request waiting for staff, or one they declined. */
  request: 'pending' | 'declined' | 'none';
  requestText: string;
  note: string;
}

interface Choice {
  id: string;
  label: string;
}

interface SwapForm {
  dayId: string;
  date: string;
  reason: string;
  colleagues: Choice[];
  colleagueIndex: number;
  days: Choice[];
  dayIndex: number;
  error: string;
  clientRequestId: string;
}

export function dutyRow(duty: DutyView): DutyRow {
  const request = duty.swapRequest;
  return {
    dayId: duty.dayId,
    date: duty.date,
    weekday: duty.weekday,
    stationName: duty.station.name,
    colleagues: duty.colleagues.map((person) => person.name).join('、'),
    confirmed: duty.confirmed,
    request: request?.status === 'pending' || request?.status === 'declined' ? request.status : 'none',
    requestText: request ? `${swapRequestText(request)}（${request.reason}）` : '',
    note: request?.note ?? '',
  };
}

const NOBODY: Choice = { id: '', label: '不指定，由工作人员安排' };
const NO_EXCHANGE: Choice = { id: '', label: '不交换，由对方代班' };

Component({
  behaviors: [loadable, textSize],
  data: {
    view: null as MyDutiesView | null,
    rows: [] as DutyRow[],
    /** A 分管领导's duties: read only, no confirmation or swap. */
    leader: false,
    form: null as SwapForm | null,
    busy: false,
  },
  methods: {
    onLoad() {
      void this.load();
    },

    async fetch() {
      this.show(await deputy.duties());
    },

    show(view: MyDutiesView) {
      this.setData({ view, rows: view.duties.map(dutyRow), leader: view.role === 'leader', form: null });
    },

    async onConfirm(event: WechatMiniprogram.BaseEvent<object, { id: string }>) {
      if (this.data.busy) return;
      this.setData({ busy: true });
      try {
        this.show(await deputy.confirmDuty(event.currentTarget.dataset.id));
        toast('已确认值班', 'success');
      } catch (error) {
        toast(shownError(error).message);
      }
      this.setData({ busy: false });
    },

    onSwap(event: WechatMiniprogram.BaseEvent<object, { id: string }>) {
      const view = this.data.view;
      const duty = view?.duties.find((item) => item.dayId === event.currentTarget.dataset.id);
      if (!view || !duty) return;
      this.setData({
        form: {
          dayId: duty.dayId,
          date: duty.date,
          reason: '',
          colleagues: [
            NOBODY,
            ...view.colleagues.map((person: PersonRef) => ({ id: person.id, label: person.name })),
          ],
          colleagueIndex: 0,
          days: [NO_EXCHANGE],
          dayIndex: 0,
          error: '',
          clientRequestId: newClientRequestId(Math.random),
        },
      });
    },

    onReason(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ 'form.reason': event.detail.value, 'form.error': '' });
    },

    /** A colleague: the days they are on duty and the caller is not can be offered in exchange. */
    onColleague(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const form = this.data.form;
      const view = this.data.view;
      if (!form || !view) return;
      const index = Number(event.detail.value);
      const colleague = form.colleagues[index];
      const mine = new Set(view.duties.map((duty) => duty.date));
      const days = colleague.id
        ? view.stationDays
            .filter((day) => !mine.has(day.date) && day.deputies.some((person) => person.id === colleague.id))
            .map((day) => ({ id: day.date, label: `${day.date} ${day.weekday}` }))
        : [];
      this.setData({
        'form.colleagueIndex': index,
        'form.days': [NO_EXCHANGE, ...days],
        'form.dayIndex': 0,
        'form.error': '',
      });
    },

    onWithDay(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ 'form.dayIndex': Number(event.detail.value), 'form.error': '' });
    },

    onCloseForm() {
      this.setData({ form: null });
    },

    async onSubmitSwap() {
      const form = this.data.form;
      if (!form || this.data.busy) return;
      if (form.reason.trim().length < 2) {
        this.setData({ 'form.error': '请填写换班原因' });
        return;
      }
      const withDeputyId = form.colleagues[form.colleagueIndex].id || null;
      const withDate = (withDeputyId && form.days[form.dayIndex].id) || null;
      this.setData({ busy: true });
      try {
        this.show(
          await deputy.requestSwap({
            dayId: form.dayId,
            reason: form.reason.trim(),
            withDeputyId,
            withDate,
            clientRequestId: form.clientRequestId,
          }),
        );
        toast('已提交，等待工作人员处理');
      } catch (error) {
        this.setData({ 'form.error': shownError(error).message });
      }
      this.setData({ busy: false });
    },
  },
});
