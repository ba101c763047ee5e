import type { CaseworkListItem, QueueView } from '../../../core/api';
import * as casework from '../../../services/casework';
import type { HandlerRole } from '../../../services/casework';
import * as resident from '../../../services/resident';
import { isShown, loadable } from '../../../behaviors/loadable';
import { textSize } from '../../../behaviors/text-size';
import { emptyList, loadMore, reloadList, type PagedList } from '../../../utils/paged-list';
import { navigate } from '../../../utils/ui';

/**
 * The queue of whoever handles cases: deputies and station staff (their cases), handling units
 * (what was routed to them), the congress office (transfers to review, supervised cases). The
 * caller's roles come from `resident.me`, once, and decide the tabs: 我的 and 已逾期 for everyone,
 * 待审核 and 督办 for the office only. Each tab is its own list, loaded on first view and paged at
 * the bottom; a case opens on the case page every handler shares.
 */

interface Tab {
  key: QueueView;
  label: string;
  empty: string;
  hint: string;
}

const TABS: Array<Tab & { roles: HandlerRole[] }> = [
  {
    key: 'mine',
    label: '我的',
    empty: '没有要您办理的诉求',
    hint: '交给您办理的诉求会出现在这里',
    roles: ['deputy', 'staff', 'unit', 'office'],
  },
  {
    key: 'overdue',
    label: '已逾期',
    empty: '没有逾期的诉求',
    hint: '超过办理期限的诉求会出现在这里',
    roles: ['deputy', 'staff', 'unit', 'office'],
  },
  { key: 'review', label: '待审核', empty: '没有待审核的转办', hint: '', roles: ['office'] },
  { key: 'supervised', label: '督办', empty: '没有督办中的诉求', hint: '', roles: ['office'] },
];

/** The tabs the caller can use, in order. */
const tabsFor = (roles: HandlerRole[]): Tab[] =>
  TABS.filter((tab) => tab.roles.some((role) => roles.includes(role))).map(({ key, label, empty, hint }) => ({
    key,
    label,
    empty,
    hint,
  }));

const allLists = (): Record<QueueView, PagedList<CaseworkListItem>> => ({
  mine: emptyList<CaseworkListItem>(),
  overdue: emptyList<CaseworkListItem>(),
  review: emptyList<CaseworkListItem>(),
  supervised: emptyList<CaseworkListItem>(),
});

Component({
  behaviors: [loadable, textSize],
  data: {
    /** Whom the caller acts for: 王建国、东街街道代表之家. */
    actingFor: '',
    /** The office may make bind codes (生成绑定码). */
    office: false,
    tabs: [] as Tab[],
    tab: 'mine' as QueueView,
    lists: allLists(),
    /** Station staff also keep reception days: a link to 联络站工作台. */
    isStaff: false,
  },
  methods: {
    onLoad() {
      void this.load();
    },

    /**
     * Asks who the caller is, once; then their queue, overdue first: when anything is overdue, the
     * workbench opens on 已逾期. Once the tabs are known, reading again reads the open tab.
     */
    async fetch() {
      if (this.data.tabs.length > 0) {
        await this.reload(this.data.tab);
        return;
      }
      const me = await resident.me();
      const tabs = tabsFor(casework.handlerRolesOf(me));
      // Someone with no handling role: the workbench says who it is for.
      if (tabs.length === 0) return 'empty';
      const names = me.roles.map((role) => role.name).filter(Boolean);
      this.setData({
        tabs,
        tab: tabs[0].key,
        actingFor: names.join('、'),
        office: me.roles.some((role) => role.role === 'office'),
        isStaff: me.roles.some((role) => role.role === 'staff'),
      });
      await this.reload('overdue');
      if (this.data.lists.overdue.status === 'ready') this.setData({ tab: 'overdue' });
      else void this.reload(tabs[0].key);
      return 'ready';
    },

    /** The first page; on failure a list already shown stays, with a toast. */
    async reload(tab: QueueView) {
      await reloadList(this, `lists.${tab}`, () => casework.queue(tab, null));
    },

    async loadMore() {
      const tab = this.data.tab;
      await loadMore(this, `lists.${tab}`, (cursor) => casework.queue(tab, cursor));
    },

    onTab(event: WechatMiniprogram.BaseEvent<object, { tab: QueueView }>) {
      const tab = event.currentTarget.dataset.tab;
      if (tab === this.data.tab) return;
      this.setData({ tab });
      if (this.data.lists[tab].status === 'idle') void this.reload(tab);
    },

    /** Back from a case: what was done there may have moved it between lists. */
    onShow() {
      if (this.data.status === 'ready' && isShown(this.data.lists[this.data.tab].status))
        void this.reload(this.data.tab);
    },

    onRetryTab() {
      void this.reload(this.data.tab);
    },

    onReachBottom() {
      void this.loadMore();
    },

    onStation() {
      navigate('/pages/station/overview/index');
    },

    onOpen(event: WechatMiniprogram.CustomEvent<{ id: string }>) {
      const id = event.detail.id;
      const tab = this.data.tab;
      const index = this.data.lists[tab].items.findIndex((item) => item.id === id);
      if (index >= 0 && this.data.lists[tab].items[index].unread)
        this.setData({ [`lists.${tab}.items[${index}].unread`]: false });
      navigate(`/pages/deputy/case/index?id=${id}`);
    },

    onBindCodes() {
      navigate('/pages/office/bind-codes/index');
    },

    onDirectory() {
      navigate('/pages/office/directory/index');
    },

    onPrivacy() {
      navigate('/pages/office/privacy/index');
    },
  },
});
