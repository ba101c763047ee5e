import type { DirectoryItem, ImportReport } from '../../../core/api';
import {
  DIRECTORY_KINDS,
  DIRECTORY_KIND_LABELS,
  importPrefix,
  matchesSearch,
  type DirectoryKind,
} from '../../../core/directory';
import { randomToken } from '../../../core/ids';
import { loadInto, notLoaded, type LoadState } from '../../../behaviors/loadable';
import { textSize } from '../../../behaviors/text-size';
import { download } from '../../../services/download';
import * as office from '../../../services/office';
import * as resident from '../../../services/resident';
import { shownError } from '../../../utils/errors';
import { hideLoading, navigate, showLoading, stopPullDown, toast } from '../../../utils/ui';

/**
 * 名册管理, for the congress office (代表工委): deputies, station staff, handling units and stations,
 * one tab each, with a search over name, code and detail. Retired records are hidden until asked
 * for. A record opens its edit page (directory-edit); 新增 opens an empty one.
 *
 * 批量导入 takes an .xlsx the office has in a WeChat chat (wx.chooseMessageFile), uploads it under
 * the office member's own prefix, and has the function check it first: every problem is listed by
 * sheet, row and column, and 确认导入 stores it only when there are none. 下载模板 opens the template
 * in WeChat's document viewer, from where it can be forwarded to a computer.
 */

interface KindList extends LoadState {
  items: DirectoryItem[];
  active: number;
  retired: number;
}

interface ImportState {
  step: 'idle' | 'uploading' | 'checking' | 'checked' | 'storing' | 'done';
  fileID: string;
  fileName: string;
  report: ImportReport | null;
  error: string;
}

/** The tabs' labels: short enough that four fit on one line of a narrow phone, in 长辈版 too. */
const TAB_LABELS: Record<DirectoryKind, string> = {
  deputy: '代表',
  staff: '工作人员',
  unit: '承办单位',
  station: '联络站',
};

const TABS = DIRECTORY_KINDS.map((key) => ({ key, label: TAB_LABELS[key] }));

const EMPTY_IMPORT: ImportState = { step: 'idle', fileID: '', fileName: '', report: null, error: '' };

const unread = (): Record<DirectoryKind, KindList> =>
  Object.fromEntries(
    DIRECTORY_KINDS.map((kind): [DirectoryKind, KindList] => [
      kind,
      { ...notLoaded(), items: [], active: 0, retired: 0 },
    ]),
  ) as Record<DirectoryKind, KindList>;

/** The records a person sees: active ones (and retired ones when asked), matching the search. */
function visible(items: DirectoryItem[], query: string, showRetired: boolean): DirectoryItem[] {
  return items.filter((i) => (showRetired || i.active) && matchesSearch(i, query));
}

Component({
  behaviors: [textSize],
  data: {
    tabs: TABS,
    kind: 'deputy' as DirectoryKind,
    kindLabel: DIRECTORY_KIND_LABELS.deputy,
    lists: unread(),
    query: '',
    showRetired: false,
    shown: [] as DirectoryItem[],
    importing: { ...EMPTY_IMPORT } as ImportState,
    /** Set when an edit page may have changed the list: it is read again when this page shows. */
    stale: false,
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      const kind = DIRECTORY_KINDS.find((k) => k === options.kind) ?? 'deputy';
      this.setData({ kind, kindLabel: DIRECTORY_KIND_LABELS[kind] });
      void this.load(kind);
    },

    onShow() {
      if (!this.data.stale) return;
      this.setData({ stale: false });
      void this.load(this.data.kind, true);
    },

    onPullDownRefresh() {
      void this.load(this.data.kind, true).then(() => stopPullDown());
    },

    /** Reads a kind's list; with `keep`, what is shown stays while it does (a toast if it fails). */
    async load(kind: DirectoryKind, keep = false) {
      await loadInto(
        this,
        `lists.${kind}`,
        async () => {
          const { items, active, retired } = await office.directory(kind);
          const at = `lists.${kind}`;
          this.setData({ [`${at}.items`]: items, [`${at}.active`]: active, [`${at}.retired`]: retired });
        },
        keep,
      );
      this.refresh();
    },

    refresh() {
      const list = this.data.lists[this.data.kind];
      this.setData({ shown: visible(list.items, this.data.query, this.data.showRetired) });
    },

    onTab(event: WechatMiniprogram.BaseEvent<object, { kind: DirectoryKind }>) {
      const kind = event.currentTarget.dataset.kind;
      if (kind === this.data.kind) return;
      this.setData({ kind, kindLabel: DIRECTORY_KIND_LABELS[kind] });
      if (this.data.lists[kind].status === 'ready') this.refresh();
      else void this.load(kind);
    },

    onRetry() {
      void this.load(this.data.kind);
    },

    onSearch(event: WechatMiniprogram.Input) {
      this.setData({ query: event.detail.value });
      this.refresh();
    },

    onToggleRetired() {
      this.setData({ showRetired: !this.data.showRetired });
      this.refresh();
    },

    onOpen(event: WechatMiniprogram.BaseEvent<object, { id: string }>) {
      this.setData({ stale: true });
      navigate(
        `/pages/office/directory-edit/index?kind=${this.data.kind}&id=${event.currentTarget.dataset.id}`,
      );
    },

    onAdd() {
      this.setData({ stale: true });
      navigate(`/pages/office/directory-edit/index?kind=${this.data.kind}`);
    },

    // ---- the spreadsheet import --------------------------------------------------------------

    async onTemplate() {
      showLoading('正在准备模板');
      try {
        const { url } = await office.importTemplate();
        const filePath = await download(url);
        hideLoading();
        await wx.openDocument({ filePath, fileType: 'xlsx', showMenu: true });
      } catch (error) {
        hideLoading();
        toast(shownError(error).message || '模板下载失败，请重试');
      }
    },

    async onImport() {
      const step = this.data.importing.step;
      if (step === 'uploading' || step === 'checking' || step === 'storing') return;
      let file: WechatMiniprogram.ChooseFile;
      try {
        const picked = await wx.chooseMessageFile({ count: 1, type: 'file', extension: ['xlsx'] });
        file = picked.tempFiles[0];
      } catch {
        return; // The person closed the picker.
      }
      if (!file) return;
      this.setData({ importing: { ...EMPTY_IMPORT, step: 'uploading', fileName: file.name } });
      try {
        const { openid } = await resident.me();
        const cloudPath = `${importPrefix(openid)}${Date.now()}-${randomToken(12, Math.random)}.xlsx`;
        const { fileID } = await office.uploadImport(file.path, cloudPath);
        this.setData({ 'importing.step': 'checking', 'importing.fileID': fileID });
        const report = await office.importDirectory(fileID, true);
        this.setData({ 'importing.step': 'checked', 'importing.report': report });
      } catch (error) {
        this.setData({ 'importing.step': 'idle', 'importing.error': shownError(error).message });
      }
    },

    async onConfirmImport() {
      const { step, fileID } = this.data.importing;
      if (step !== 'checked') return;
      this.setData({ 'importing.step': 'storing' });
      try {
        const report = await office.importDirectory(fileID, false);
        this.setData({ 'importing.step': report.applied ? 'done' : 'checked', 'importing.report': report });
        if (report.applied) {
          toast('导入完成', 'success');
          this.setData({ lists: unread() });
          void this.load(this.data.kind);
        }
      } catch (error) {
        this.setData({ 'importing.step': 'checked', 'importing.error': shownError(error).message });
      }
    },

    onCloseImport() {
      this.setData({ importing: { ...EMPTY_IMPORT } });
    },
  },
});
