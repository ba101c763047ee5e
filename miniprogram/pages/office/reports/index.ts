import type { BimonthlyReportInput, BimonthlyReportItem } from '../../../core/api';
import { chinaDate, chinaDateTime } from '../../../core/china-time';
import type { ReportFormat } from '../../../core/bimonthly';
import { loadable, type Loaded } from '../../../behaviors/loadable';
import { textSize } from '../../../behaviors/text-size';
import * as office from '../../../services/office';
import { idleFile, isBusy, makeAndOpen, type FileState } from '../../../utils/file-job';
import { bimonthChoices, periodLabel, type BimonthChoice } from '../../../utils/period';

/**
 * 双月反馈: the bi-monthly reports to the 代表工委 (`office.bimonthlyReports`), those the timer made
 * at the end of each two months and those asked for, the latest first; and 生成 for a two-month
 * period (the last ones, or dates of one's own) as a printable PDF or an Excel workbook
 * (`office.bimonthlyReport`, a file job: 正在生成, then opened in the document viewer). Opening a
 * listed report asks for it again with its period and format: the office's own storage is not
 * readable from the phone, and a report asked for again is counted afresh.
 */

export interface ReportRow {
  key: string;
  period: string;
  format: ReportFormat;
  /** PDF（打印） / Excel 表格 */
  formatLabel: string;
  /** 定时生成 · 2026-11-01 01:00 */
  made: string;
}

const FORMATS: Array<{ key: ReportFormat; label: string }> = [
  { key: 'pdf', label: 'PDF（打印）' },
  { key: 'xlsx', label: 'Excel 表格' },
];

const formatLabel = (format: ReportFormat): string =>
  FORMATS.find((item) => item.key === format)?.label ?? format;

const rowOf = (item: BimonthlyReportItem): ReportRow => ({
  key: `${item.from}-${item.to}-${item.format}`,
  period: periodLabel(item.from, item.to),
  format: item.format,
  formatLabel: formatLabel(item.format),
  made: `${item.scheduled ? '定时生成' : '手动生成'} · ${chinaDateTime(item.madeAt)}`,
});

Component({
  behaviors: [loadable, textSize],
  data: {
    choices: [] as BimonthChoice[],
    /** The chosen period: one of `choices` (by key), or 'custom'. */
    choice: '',
    from: '',
    to: '',
    formats: FORMATS,
    format: 'pdf' as ReportFormat,
    reports: [] as ReportRow[],
    items: [] as BimonthlyReportItem[],
    file: idleFile() as FileState,
  },
  methods: {
    onLoad() {
      const choices = bimonthChoices(chinaDate(Date.now()));
      // The last full two months first: what the 代表工委 expects next.
      const chosen = choices[1];
      this.setData({ choices, choice: chosen.key, from: chosen.from, to: chosen.to });
      void this.load();
    },

    async fetch(): Promise<Loaded> {
      const { reports } = await office.bimonthlyReports();
      this.setData({ items: reports, reports: reports.map(rowOf) });
      return reports.length > 0 ? 'ready' : 'empty';
    },

    onChoice(event: WechatMiniprogram.BaseEvent<object, { key: string }>) {
      const key = event.currentTarget.dataset.key;
      const chosen = this.data.choices.find((item) => item.key === key);
      this.setData(chosen ? { choice: key, from: chosen.from, to: chosen.to } : { choice: 'custom' });
    },

    onFrom(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const from = event.detail.value;
      this.setData({ choice: 'custom', from, to: this.data.to < from ? from : this.data.to });
    },

    onTo(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const to = event.detail.value;
      this.setData({ choice: 'custom', to, from: this.data.from > to ? to : this.data.from });
    },

    onFormat(event: WechatMiniprogram.BaseEvent<object, { key: ReportFormat }>) {
      this.setData({ format: event.currentTarget.dataset.key });
    },

    async make(input: BimonthlyReportInput) {
      if (isBusy(this.data.file)) return;
      await makeAndOpen(this, () => office.bimonthlyReport(input), input.format === 'xlsx' ? '张表' : '页');
      // A report made on request joins the list.
      if (this.data.file.step === 'done') void this.refresh();
    },

    async onMake() {
      await this.make({ from: this.data.from, to: this.data.to, format: this.data.format });
    },

    async onOpenReport(event: WechatMiniprogram.BaseEvent<object, { index: number }>) {
      const item = this.data.items[Number(event.currentTarget.dataset.index)];
      if (item) await this.make({ from: item.from, to: item.to, format: item.format });
    },
  },
});
