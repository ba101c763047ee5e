import type { CaseworkListItem, QueueView } from '../../../core/api';
import * as casework from '../../../services/casework';
import type { HandlerRole } from '../../../services/casework';
import * as resident from '../../../services/resident';
import { canRetry, shownError } from '../../../utils/errors';
import { emptyList, loadMoreTab, reloadTab, type TabList } from '../../../utils/tab-lists';

/**
 * The queue of whoever handles cases: deputies and station staff (their cases), handling units
 * (what was routed to them), the congress office (transfers to review, supervised cases). The
 * caller's roles come from `resident.me`, once, and decide the tabs: 我的 and 已逾期 for everyone,
 * 待审核 and 督办 for the office only. Each tab is its own list, loaded on first view and paged at
 * the bottom; a case opens on the case page every handler shares.
 */

type Status = 'loading' | 'ready' | 'error' | 'none';

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

const allLists = (): Record<QueueView, TabList<CaseworkListItem>> => ({
  mine: emptyList<CaseworkListItem>(),
  overdue: emptyList<CaseworkListItem>(),
  review: emptyList<CaseworkListItem>(),
  supervised: emptyList<CaseworkListItem>(),
});

Component({
  data: {
    status: 'loading' as Status,
    message: '',
    retryable: true,
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
      void this.start();
    },

    /** Asks who the caller is, once; then the first tab they can use. */
    async start() {
      this.setData({ status: 'loading' });
      try {
        const me = await resident.me();
        const tabs = tabsFor(casework.handlerRolesOf(me));
        if (tabs.length === 0) {
          this.setData({ status: 'none' });
          return;
        }
        const names = me.roles.map((role) => role.name).filter(Boolean);
        this.setData({
          status: 'ready',
          tabs,
          tab: tabs[0].key,
          actingFor: names.join('、'),
          office: me.roles.some((role) => role.role === 'office'),
          isStaff: me.roles.some((role) => role.role === 'staff'),
        });
        // Their queue, overdue first: when anything is overdue, the workbench opens on 已逾期.
        await this.reload('overdue');
        const overdue = this.data.lists.overdue;
        if (overdue.status === 'ready' && overdue.items.length > 0) this.setData({ tab: 'overdue' });
        else void this.reload(tabs[0].key);
      } catch (error) {
        const shown = shownError(error);
        this.setData({ status: 'error', message: shown.message, retryable: canRetry(shown) });
      }
    },

    /** The first page; on failure a list already shown stays, with a toast. */
    async reload(tab: QueueView) {
      await reloadTab(this, tab, () => casework.queue(tab, null));
    },

    async loadMore() {
      await loadMoreTab(this, this.data.tab, (cursor) => casework.queue(this.data.tab, cursor));
    },

    onTab(event: WechatMiniprogram.BaseEvent<object, { tab: QueueView }>) {
      const tab = event.currentTarget.dataset.tab;
      if (tab === this.data.tab) return;
      this.setData({ tab });
      if (this.data.lists[tab].status === 'idle') void this.reload(tab);
    },

    /** Back from a case: what was done there may have moved it between lists. */
    onShow() {
      if (this.data.status === 'ready' && this.data.lists[this.data.tab].status === 'ready')
        void this.reload(this.data.tab);
    },

    onRetry() {
      if (this.data.status === 'ready') void this.reload(this.data.tab);
      else void this.start();
    },

    async onPullDownRefresh() {
      if (this.data.status === 'ready') await this.reload(this.data.tab);
      else await this.start();
      wx.stopPullDownRefresh();
    },

    onReachBottom() {
      void this.loadMore();
    },

    onStation() {
      wx.navigateTo({ url: '/pages/station/overview/index' });
    },

    onOpen(event: WechatMiniprogram.CustomEvent<{ id: string }>) {
      const id = event.detail.id;
      const tab = this.data.tab;
      const index = this.data.lists[tab].items.findIndex((item) => item.id === id);
      if (index >= 0 && this.data.lists[tab].items[index].unread)
        this.setData({ [`lists.${tab}.items[${index}].unread`]: false });
      wx.navigateTo({ url: `/pages/deputy/case/index?id=${id}` });
    },

    onBindCodes() {
      wx.navigateTo({ url: '/pages/casework/bind-codes/index' });
    },

    onDirectory() {
      wx.navigateTo({ url: '/pages/casework/directory/index' });
    },
  },
});
