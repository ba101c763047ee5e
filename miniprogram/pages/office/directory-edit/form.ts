import type { DirectoryEntry } from '../../../core/api';
import type { DirectoryKind } from '../../../core/directory';
import {
  DEPUTY_LEVEL_LABELS,
  STATION_LEVEL_LABELS,
  UNIT_KIND_LABELS,
  type DeputyLevel,
  type StationLevel,
  type UnitKind,
} from '../../../core/model';
import type { HolidayPolicy } from '../../../core/reception';
import { HOLIDAY_POLICIES, HOLIDAY_POLICY_LABELS } from '../../../core/reception-plan';

/**
 * The directory edit form as the page holds it: text fields as typed, choices as keys, and the
 * reception rule in parts. `fieldsOf` turns it into what `office.save` takes; core/directory.ts
 * validates that on the phone and again in the function.
 */

export type RuleKind = 'none' | 'day_of_month' | 'nth_weekday';

export interface EditForm {
  name: string;
  phone: string;
  title: string;
  deputyLevel: DeputyLevel | '';
  stationId: string;
  stationIds: string[];
  unitKind: UnitKind | '';
  stationLevel: StationLevel | '';
  address: string;
  openingHours: string;
  location: { latitude: number; longitude: number } | null;
  ruleKind: RuleKind;
  day: string;
  weekday: number;
  nth: number[];
  /** Empty: every month. */
  months: number[];
  holidayPolicy: HolidayPolicy;
  deputiesPerDay: number;
  /** A station's 分管领导 as typed; `id` is empty for one not saved yet. */
  leaders: LeaderRow[];
}

export interface LeaderRow {
  id: string;
  name: string;
  title: string;
  phone: string;
}

export const blankLeader = (): LeaderRow => ({ id: '', name: '', title: '', phone: '' });

export const blankForm = (): EditForm => ({
  name: '',
  phone: '',
  title: '',
  deputyLevel: '',
  stationId: '',
  stationIds: [],
  unitKind: '',
  stationLevel: '',
  address: '',
  openingHours: '',
  location: null,
  ruleKind: 'none',
  day: '10',
  weekday: 2,
  nth: [],
  months: [],
  holidayPolicy: 'postpone',
  deputiesPerDay: 2,
  leaders: [],
});

const choices = <K extends string>(labels: Record<K, string>) =>
  (Object.keys(labels) as K[]).map((key) => ({ key, label: labels[key] }));

export const CHOICES = {
  deputyLevels: choices(DEPUTY_LEVEL_LABELS),
  unitKinds: choices(UNIT_KIND_LABELS),
  stationLevels: choices(STATION_LEVEL_LABELS),
  ruleKinds: [
    { key: 'day_of_month', label: '每月固定日期' },
    { key: 'nth_weekday', label: '每月第几个星期几' },
    { key: 'none', label: '暂不设置' },
  ],
  weekdays: ['周日', '周一', '周二', '周三', '周四', '周五', '周六'].map((label, key) => ({ key, label })),
  nths: [1, 2, 3, 4, 5, -1].map((key) => ({
    key,
    label: key === -1 ? '最后一个' : `第${'一二三四五'[key - 1]}个`,
  })),
  months: Array.from({ length: 12 }, (_, i) => ({ key: i + 1, label: `${i + 1}月` })),
  policies: HOLIDAY_POLICIES.map((key) => ({ key, label: HOLIDAY_POLICY_LABELS[key] })),
  perDay: [1, 2, 3, 4, 5, 6].map((key) => ({ key, label: `${key} 人` })),
};

/** The form for a stored record. */
export function formOf(entry: DirectoryEntry): EditForm {
  const form = { ...blankForm(), name: entry.name };
  switch (entry.kind) {
    case 'deputy':
      return {
        ...form,
        deputyLevel: entry.level,
        stationId: entry.stationId ?? '',
        title: entry.title,
        phone: entry.phone ?? '',
      };
    case 'staff':
      return { ...form, phone: entry.phone, stationIds: [...entry.stationIds] };
    case 'unit':
      return { ...form, unitKind: entry.unitKind };
    case 'station': {
      const rule = entry.receptionRule;
      return {
        ...form,
        stationLevel: entry.level,
        phone: entry.phone ?? '',
        address: entry.address,
        openingHours: entry.openingHours,
        location: entry.location,
        deputiesPerDay: entry.deputiesPerDay,
        ruleKind: rule ? rule.kind : 'none',
        day: rule?.kind === 'day_of_month' ? String(rule.day) : form.day,
        weekday: rule?.kind === 'nth_weekday' ? rule.weekday : form.weekday,
        nth: rule?.kind === 'nth_weekday' ? [...rule.nth] : [],
        months: rule?.months ? [...rule.months] : [],
        holidayPolicy: rule?.holidayPolicy ?? 'postpone',
        leaders: (entry.leaders ?? []).map((l) => ({
          id: l.id ?? '',
          name: l.name,
          title: l.title,
          phone: l.phone ?? '',
        })),
      };
    }
  }
}

function ruleOf(form: EditForm): Record<string, unknown> | null {
  if (form.ruleKind === 'none') return null;
  const months = form.months.length > 0 ? { months: [...form.months].sort((a, b) => a - b) } : {};
  return form.ruleKind === 'day_of_month'
    ? { kind: form.ruleKind, day: Number(form.day), ...months, holidayPolicy: form.holidayPolicy }
    : {
        kind: form.ruleKind,
        weekday: form.weekday,
        nth: form.nth,
        ...months,
        holidayPolicy: form.holidayPolicy,
      };
}

/** What `office.save` takes as `fields` for the kind (left unchecked: the validator says what is wrong). */
export function fieldsOf(kind: DirectoryKind, form: EditForm): Record<string, unknown> {
  switch (kind) {
    case 'deputy':
      return {
        name: form.name,
        level: form.deputyLevel,
        stationId: form.stationId || null,
        title: form.title,
        phone: form.phone || null,
      };
    case 'staff':
      return { name: form.name, phone: form.phone, stationIds: form.stationIds };
    case 'unit':
      return { name: form.name, unitKind: form.unitKind };
    case 'station':
      return {
        name: form.name,
        level: form.stationLevel,
        address: form.address,
        openingHours: form.openingHours,
        phone: form.phone || null,
        location: form.location,
        receptionRule: ruleOf(form),
        deputiesPerDay: form.deputiesPerDay,
        leaders: form.leaders.map((l) => ({
          ...(l.id ? { id: l.id } : {}),
          name: l.name,
          title: l.title,
          phone: l.phone || null,
        })),
      };
  }
}

/** Adds the value to the list, or takes it out when it is there. */
export const toggled = <T>(list: T[], value: T): T[] =>
  list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
