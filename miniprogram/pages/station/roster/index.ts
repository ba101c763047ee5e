import type {
  DutyRosterView,
  PersonRef,
  RosterProposalView,
  StationDayView,
  StationOverviewView,
} from '../../../core/api';
import { rosterShortfall, validateRoster } from '../../../core/roster';
import { loadable, type Loaded } from '../../../behaviors/loadable';
import { textSize } from '../../../behaviors/text-size';
import * as station from '../../../services/station';
import { shownError } from '../../../utils/errors';
import { swapRequestLine } from '../../../utils/format';
import { toast } from '../../../utils/ui';

/**
 * 排班 for a month (`?month=YYYY-MM`): per reception day the rotation's proposal beside what is
 * saved, and a choice of deputies (and a leader, where the station has leaders) to 保存草稿 or 发布.
 * Who confirmed their duty and any pending swap request show on the day (decided on 本月概览).
 * Every change is checked at once with the server's own core/roster.ts validateRoster: a refusal
 * (no deputy, too many, the same person twice) stops the save, and a short day (fewer deputies than
 * the station's deputies per day, no leader where the station has leaders) is shown as a warning and
 * confirmed before publishing. Declared absences are only known to the server, which refuses them.
 */

interface DayEdit {
  date: string;
  weekday: string;
  proposal: string;
  current: string;
  published: boolean;
  /** 林晓红 已确认值班 */
  confirmed: string;
  /** Pending swap requests, as text: staff decide them on 本月概览. */
  requests: string[];
  deputies: Array<PersonRef & { chosen: boolean }>;
  leaders: Array<PersonRef & { chosen: boolean }>;
  /** Why the roster as chosen cannot be saved; '' when it can. */
  problem: string;
  /** What the roster as chosen lacks (还差 1 名值班代表…). */
  warnings: string[];
  error: string;
}

interface Rules {
  today: string;
  deputiesPerDay: number;
  deputies: PersonRef[];
  leaders: PersonRef[];
}

/** The server's check of the day's roster as chosen: a refusal, or what a short day lacks. */
export function checkDay(day: Pick<DayEdit, 'date' | 'deputies' | 'leaders'>, rules: Rules) {
  const checked = validateRoster(
    day.date,
    {
      deputies: day.deputies.filter((person) => person.chosen).map((person) => person.id),
      leader: day.leaders.find((person) => person.chosen)?.id ?? null,
    },
    rules.deputies,
    [],
    { today: rules.today, deputiesPerDay: rules.deputiesPerDay, leaders: rules.leaders },
  );
  return checked.ok
    ? { problem: '', warnings: rosterShortfall(checked.data) }
    : { problem: checked.message, warnings: [] };
}

const label = (roster: DutyRosterView | null): string =>
  roster ? [...roster.deputies, ...(roster.leader ? [roster.leader] : [])].map((p) => p.name).join('、') : '';

Component({
  behaviors: [loadable, textSize],
  data: {
    stationId: '',
    month: '',
    days: [] as DayEdit[],
    rules: { today: '', deputiesPerDay: 2, deputies: [], leaders: [] } as Rules,
    saving: false,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.setData({ stationId: query.stationId ?? '', month: query.month ?? '' });
      void this.load();
    },

    async fetch(): Promise<Loaded> {
      const stationId = this.data.stationId || undefined;
      const overview = await station.overview(this.data.month || undefined, stationId);
      const { from, to } = station.monthRange(overview.month);
      const proposal = await station.proposeRoster(from, to, stationId);
      this.show(proposal, overview);
      this.setData({ month: overview.month });
      return proposal.days.length > 0 ? 'ready' : 'empty';
    },

    show(view: RosterProposalView, overview: StationOverviewView) {
      const { deputies, leaders } = overview.station;
      const rules: Rules = {
        today: overview.today,
        deputiesPerDay: view.deputiesPerDay,
        deputies,
        leaders,
      };
      const planned = new Map<string, StationDayView>(overview.plan.days.map((day) => [day.date, day]));
      this.setData({
        rules,
        days: view.days.map((day) => {
          const start = day.current ?? day.proposal;
          const chosen = new Set(start.deputies.map((person) => person.id));
          const edit = {
            date: day.date,
            weekday: day.weekday,
            proposal: label(day.proposal) || '无可排代表',
            current: label(day.current),
            published: day.current?.published ?? false,
            confirmed: (day.current?.confirmed ?? []).map((person) => person.name).join('、'),
            requests: (planned.get(day.date)?.swapRequests ?? []).map((request) => swapRequestLine(request)),
            deputies: deputies.map((person) => ({ ...person, chosen: chosen.has(person.id) })),
            leaders: leaders.map((person) => ({ ...person, chosen: start.leader?.id === person.id })),
            error: '',
          };
          return { ...edit, ...checkDay(edit, rules) };
        }),
      });
    },

    onDeputy(event: WechatMiniprogram.BaseEvent<object, { day: number; index: number }>) {
      const { day, index } = event.currentTarget.dataset;
      const edit = this.data.days[day];
      this.edit(Number(day), {
        deputies: edit.deputies.map((person, at) =>
          at === Number(index) ? { ...person, chosen: !person.chosen } : person,
        ),
      });
    },

    onLeader(event: WechatMiniprogram.BaseEvent<object, { day: number; index: number }>) {
      const { day, index } = event.currentTarget.dataset;
      this.edit(Number(day), {
        leaders: this.data.days[day].leaders.map((person, at) => ({
          ...person,
          chosen: at === Number(index) ? !person.chosen : false,
        })),
      });
    },

    /** A changed choice, checked again at once. */
    edit(index: number, patch: Partial<DayEdit>) {
      const day = { ...this.data.days[index], ...patch, error: '' };
      this.setData({ [`days[${index}]`]: { ...day, ...checkDay(day, this.data.rules) } });
    },

    onSave(event: WechatMiniprogram.BaseEvent<object, { day: number; publish: boolean }>) {
      const { day, publish } = event.currentTarget.dataset;
      void this.save(Number(day), Boolean(publish));
    },

    async save(index: number, publish: boolean) {
      const day = this.data.days[index];
      if (!day || this.data.saving) return;
      if (day.problem) {
        this.setData({ [`days[${index}].error`]: day.problem });
        return;
      }
      if (publish && day.warnings.length > 0) {
        const answer = await wx.showModal({
          title: '值班人员不足',
          content: `${day.warnings.join('；')}。仍要发布吗？`,
          confirmText: '仍然发布',
          cancelText: '再调整',
        });
        if (!answer.confirm) return;
      }
      const leaderId = day.leaders.find((person) => person.chosen)?.id ?? null;
      this.setData({ saving: true });
      try {
        const saved = await station.saveRoster({
          ...(this.data.stationId ? { stationId: this.data.stationId } : {}),
          date: day.date,
          deputyIds: day.deputies.filter((person) => person.chosen).map((person) => person.id),
          ...(day.leaders.length ? { leaderId } : {}),
          publish,
        });
        this.setData({
          saving: false,
          [`days[${index}].current`]: label(saved.roster),
          [`days[${index}].published`]: saved.roster?.published ?? false,
        });
        toast(publish ? '已发布' : '已保存草稿', 'success');
      } catch (error) {
        this.setData({ saving: false, [`days[${index}].error`]: shownError(error).message });
      }
    },
  },
});
