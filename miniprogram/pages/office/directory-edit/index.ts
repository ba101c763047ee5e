import type { DirectoryEntry, DirectoryItem, SaveDirectoryInput } from '../../../core/api';
import {
  DIRECTORY_KIND_LABELS,
  DIRECTORY_KINDS,
  validateDirectoryFields,
  validateReason,
  type DirectoryKind,
} from '../../../core/directory';
import { newClientRequestId } from '../../../core/ids';
import type { ErrorCode } from '../../../core/result';
import { loadable } from '../../../behaviors/loadable';
import { textSize } from '../../../behaviors/text-size';
import * as office from '../../../services/office';
import { shownError } from '../../../utils/errors';
import { blankForm, blankLeader, CHOICES, fieldsOf, formOf, toggled, type EditForm } from './form';
import { chinaDate } from '../../../core/china-time';
import { navigate, setTitle, toast } from '../../../utils/ui';

/**
 * One directory record, new or stored, for the congress office: the kind's fields, checked as they
 * are typed by the same rules the function applies, and saved with `office.save`. A new record keeps
 * the request id it was first sent with, so 保存 tapped twice or retried after a lost answer
 * creates one record; once saved, the page shows it as stored (a deputy's or station's new code
 * included).
 *
 * A stored record can be retired with a reason (停用: a deputy who left office, a staff member who
 * moved on, a unit merged away) and restored; the answer says how many open cases are still with
 * it. Deputies, staff and units get a 生成绑定码 link to the bind-code page, preset.
 *
 * Options: `kind`, and `id` for a stored record.
 */

const NEEDS_STATIONS: DirectoryKind[] = ['deputy', 'staff'];

/** Field messages of the kind's fields, keyed as the form shows them. */
type Errors = Record<string, string>;

/** Failures whose `fields` name the form's fields. */
const FIELD_CODES: readonly ErrorCode[] = ['INPUT.INVALID', 'DIRECTORY.DUPLICATE'];

function lookup(keys: Array<string | number>): Record<string, true> {
  const found: Record<string, true> = {};
  for (const key of keys) found[String(key)] = true;
  return found;
}

const selectedOf = (form: EditForm) => ({
  stationIds: lookup(form.stationIds),
  nth: lookup(form.nth),
  months: lookup(form.months),
});

Component({
  behaviors: [loadable, textSize],
  data: {
    kind: 'deputy' as DirectoryKind,
    kindLabel: DIRECTORY_KIND_LABELS.deputy,
    id: '',
    entry: null as DirectoryEntry | null,
    retiredOn: '',
    form: blankForm() as EditForm,
    choices: CHOICES,
    /** Active stations, for a deputy's station and a staff member's stations. */
    stations: [] as DirectoryItem[],
    stationIndex: -1,
    /** The chosen stations, weekdays' ordinals and months, as lookups: WXML cannot call indexOf. */
    selected: selectedOf(blankForm()),
    errors: {} as Errors,
    error: '',
    saving: false,
    clientRequestId: '',
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      const kind = DIRECTORY_KINDS.find((k) => k === options.kind) ?? 'deputy';
      setTitle(options.id ? `编辑${DIRECTORY_KIND_LABELS[kind]}` : `新增${DIRECTORY_KIND_LABELS[kind]}`);
      this.setData({
        kind,
        kindLabel: DIRECTORY_KIND_LABELS[kind],
        id: options.id ?? '',
        clientRequestId: newClientRequestId(Math.random),
      });
      void this.load();
    },

    async fetch() {
      const { kind, id } = this.data;
      const [entry, stations] = await Promise.all([
        id ? office.entry(kind, id) : Promise.resolve(null),
        NEEDS_STATIONS.includes(kind) ? office.directory('station') : Promise.resolve(null),
      ]);
      this.setData({ stations: (stations?.items ?? []).filter((s) => s.active) });
      this.show(entry, entry ? formOf(entry) : blankForm());
    },

    show(entry: DirectoryEntry | null, form: EditForm) {
      this.setData({
        entry,
        form,
        selected: selectedOf(form),
        id: entry?.id ?? this.data.id,
        retiredOn: entry?.retiredAt ? chinaDate(entry.retiredAt) : '',
        stationIndex: this.data.stations.findIndex((s) => s.id === form.stationId),
      });
    },

    /** Re-checks the form as it changes, once the person has tried to save and seen what was wrong. */
    update(patch: Partial<EditForm>) {
      const form = { ...this.data.form, ...patch };
      this.setData({ form, selected: selectedOf(form) });
      if (Object.keys(this.data.errors).length > 0) this.setData({ errors: this.check(form) });
    },

    check(form: EditForm): Errors {
      const valid = validateDirectoryFields(this.data.kind, fieldsOf(this.data.kind, form));
      return valid.ok ? {} : (valid.fields ?? { form: valid.message });
    },

    onInput(event: WechatMiniprogram.Input & { currentTarget: { dataset: { field: keyof EditForm } } }) {
      this.update({ [event.currentTarget.dataset.field]: event.detail.value });
    },

    onChoose(event: WechatMiniprogram.BaseEvent<object, { field: keyof EditForm; value: string | number }>) {
      const { field, value } = event.currentTarget.dataset;
      this.update({ [field]: value });
    },

    onToggle(
      event: WechatMiniprogram.BaseEvent<object, { field: 'nth' | 'months' | 'stationIds'; value: never }>,
    ) {
      const { field, value } = event.currentTarget.dataset;
      this.update({ [field]: toggled(this.data.form[field] as unknown[], value) });
    },

    onStation(event: WechatMiniprogram.PickerChange) {
      const index = Number(event.detail.value);
      this.setData({ stationIndex: index });
      this.update({ stationId: this.data.stations[index]?.id ?? '' });
    },

    onNoStation() {
      this.setData({ stationIndex: -1 });
      this.update({ stationId: '' });
    },

    onLeaderInput(
      event: WechatMiniprogram.Input & {
        currentTarget: { dataset: { index: number; field: 'name' | 'title' | 'phone' } };
      },
    ) {
      const { index, field } = event.currentTarget.dataset;
      const leaders = this.data.form.leaders.map((l, i) =>
        i === Number(index) ? { ...l, [field]: event.detail.value } : l,
      );
      this.update({ leaders });
    },

    onAddLeader() {
      this.update({ leaders: [...this.data.form.leaders, blankLeader()] });
    },

    onRemoveLeader(event: WechatMiniprogram.BaseEvent<object, { index: number }>) {
      const index = Number(event.currentTarget.dataset.index);
      this.update({ leaders: this.data.form.leaders.filter((_, i) => i !== index) });
    },

    async onLocation() {
      try {
        const place = await wx.chooseLocation({});
        this.update({ location: { latitude: place.latitude, longitude: place.longitude } });
      } catch {
        // The person closed the map, or refused location: nothing changes.
      }
    },

    /** One call however often it is tapped; a create is safe to retry with the same request id. */
    onSave() {
      if (this.data.saving) return;
      const errors = this.check(this.data.form);
      if (Object.keys(errors).length > 0) {
        this.setData({ errors, error: '请按提示修改后再保存' });
        return;
      }
      this.setData({ saving: true, errors: {}, error: '' });
      void this.save();
    },

    async save() {
      const { kind, id, form, clientRequestId } = this.data;
      const valid = validateDirectoryFields(kind, fieldsOf(kind, form));
      if (!valid.ok) {
        this.setData({ saving: false });
        return;
      }
      const input = {
        kind,
        fields: valid.data,
        ...(id ? { id } : { clientRequestId }),
      } as SaveDirectoryInput;
      try {
        const entry = await office.save(input);
        this.setData({ saving: false });
        this.show(entry, formOf(entry));
        toast('已保存', 'success');
      } catch (error) {
        const shown = shownError(error);
        const errors = FIELD_CODES.includes(shown.code) ? shown.fields : {};
        const hasFields = Object.keys(errors).length > 0;
        this.setData({
          saving: false,
          errors,
          error: hasFields ? '请按提示修改后再保存' : shown.message,
        });
      }
    },

    async onRetire() {
      const entry = this.data.entry;
      if (!entry || this.data.saving) return;
      const { confirm, content } = await wx.showModal({
        title: `停用${entry.name}`,
        editable: true,
        placeholderText: '请填写原因，如：任期届满、调离',
        confirmText: '停用',
      });
      if (!confirm) return;
      const reason = validateReason(content);
      if (!reason.ok) {
        this.setData({ error: reason.message });
        return;
      }
      await this.setActive(false, reason.data);
    },

    onRestore() {
      if (this.data.entry && !this.data.saving) void this.setActive(true);
    },

    async setActive(active: boolean, reason?: string) {
      const entry = this.data.entry as DirectoryEntry;
      this.setData({ saving: true, error: '' });
      try {
        const result = await office.setActive(entry.kind, entry.id, active, reason);
        this.setData({ saving: false });
        this.show(result.entry, formOf(result.entry));
        if (result.openCases > 0) {
          await wx.showModal({
            title: '已停用',
            content: `尚有 ${result.openCases} 件诉求未办结，请在办理工作台跟进。`,
            showCancel: false,
          });
        } else {
          toast(active ? '已恢复' : '已停用', 'success');
        }
      } catch (error) {
        this.setData({ saving: false, error: shownError(error).message });
      }
    },

    onBindCode() {
      const entry = this.data.entry;
      if (!entry || entry.kind === 'station') return;
      navigate(`/pages/office/bind-codes/index?role=${entry.kind}&id=${entry.id}`);
    },

    /** 生成绑定码 for a saved 分管领导 of this station, so they can bind and see 我的值班. */
    onLeaderBindCode(event: WechatMiniprogram.BaseEvent<object, { index: number }>) {
      const leader = this.data.form.leaders[Number(event.currentTarget.dataset.index)];
      if (!leader?.id) return;
      navigate(
        `/pages/office/bind-codes/index?role=leader&id=${leader.id}&name=${encodeURIComponent(leader.name)}`,
      );
    },
  },
});
