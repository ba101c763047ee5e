import type { CaseFigures } from '../../../core/api';
import { loadInto, notLoaded } from '../../../behaviors/loadable';
import { textSize } from '../../../behaviors/text-size';
import * as office from '../../../services/office';
import { periodLabel } from '../../../utils/period';
import { navigate, stopPullDown } from '../../../utils/ui';

/**
 * 代表工委: the congress office's one entry point, opened from the home page. This month at a
 * glance (受理, 满意率, 超期未办结: the figures of `office.figures` for `period: 'month'`), then every
 * screen of the office: its accounts (统计, 排行, 代表履职, 待处理的不满意), the files it takes out
 * (台账, 双月反馈, 海报) and its administration (名册, 绑定码, 个人信息保护, 办理工作台). The links
 * stay usable when this month's figures cannot be read.
 */

export interface Entry {
  key: string;
  label: string;
  hint: string;
  url: string;
}

export interface Section {
  title: string;
  entries: Entry[];
}

export const SECTIONS: Section[] = [
  {
    title: '统计与考核',
    entries: [
      {
        key: 'figures',
        label: '统计',
        hint: '受理、办理、满意率，按联络站、单位、类别',
        url: '/pages/office/figures/index',
      },
      {
        key: 'rankings',
        label: '排行',
        hint: '承办单位、联络站、代表，可排序',
        url: '/pages/office/rankings/index',
      },
      {
        key: 'record',
        label: '代表履职',
        hint: '代表的履职档案和每项数字的来历',
        url: '/pages/office/deputies/index',
      },
      {
        key: 'unsatisfied',
        label: '待处理的不满意',
        hint: '群众不满意的答复，发回重办或督办',
        url: '/pages/office/unsatisfied/index',
      },
      {
        key: 'classes',
        label: '问题类别与代表建议',
        hint: '同类诉求归成一类，起草代表建议，民情专报',
        url: '/pages/office/classes/index',
      },
    ],
  },
  {
    title: '文件',
    entries: [
      {
        key: 'ledger',
        label: '台账导出',
        hint: '一段时间的全部诉求，Excel 表格',
        url: '/pages/office/ledger/index',
      },
      {
        key: 'reports',
        label: '双月反馈',
        hint: '每两个月报代表工委的反馈报告',
        url: '/pages/office/reports/index',
      },
      {
        key: 'posters',
        label: '海报',
        hint: '代表和联络站的亮码海报，PDF 打印',
        url: '/pages/office/posters/index',
      },
    ],
  },
  {
    title: '管理',
    entries: [
      {
        key: 'queue',
        label: '办理工作台',
        hint: '待审核的转办、督办中的诉求',
        url: '/pages/casework/queue/index',
      },
      {
        key: 'directory',
        label: '名册管理',
        hint: '代表、工作人员、承办单位、联络站',
        url: '/pages/office/directory/index',
      },
      {
        key: 'bind-codes',
        label: '生成绑定码',
        hint: '给代表、工作人员开通账号',
        url: '/pages/office/bind-codes/index',
      },
      {
        key: 'privacy',
        label: '个人信息保护',
        hint: '办结诉求的个人信息保存期限',
        url: '/pages/office/privacy/index',
      },
    ],
  },
];

Component({
  behaviors: [textSize],
  data: {
    sections: SECTIONS,
    month: { ...notLoaded(), period: '', satisfaction: '', figures: null as CaseFigures | null },
  },
  methods: {
    onLoad() {
      void this.loadMonth(false);
    },

    /** This month's headline figures; on a refresh what is shown stays. */
    loadMonth(keep: boolean): Promise<void> {
      return loadInto(
        this,
        'month',
        async () => {
          const view = await office.figures({ period: 'month' });
          const rate = view.total.satisfactionRate;
          this.setData({
            'month.figures': view.total,
            'month.period': periodLabel(view.from, view.to),
            'month.satisfaction': rate === null ? '—' : `${rate}%`,
          });
        },
        keep,
      );
    },

    onRetryMonth() {
      void this.loadMonth(false);
    },

    async onPullDownRefresh() {
      await this.loadMonth(true);
      stopPullDown();
    },

    onEntry(event: WechatMiniprogram.BaseEvent<object, { url: string }>) {
      navigate(event.currentTarget.dataset.url);
    },
  },
});
