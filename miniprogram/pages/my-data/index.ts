import type { MyDataView } from '../../core/api';
import { newClientRequestId } from '../../core/ids';
import { ACTOR_ROLE_LABELS } from '../../core/model';
import { textSize } from '../../behaviors/text-size';
import { loadable, type Loaded } from '../../behaviors/loadable';
import * as resident from '../../services/resident';
import { shownError } from '../../utils/errors';
import { confirm } from '../../utils/ui';
import { caseRow, holdsNothing, requestLine, type CaseRow } from './rows';

/**
 * 我的信息: everything the product holds that is linked to the resident's WeChat account (PIPL's
 * right to know), and the request to delete it. Deleting removes at once the personal data of the
 * finished cases; cases still being handled keep what handling needs until they are finished, and
 * the page says so before and after. The request is confirmed in a dialog and safe to retry: its
 * clientRequestId stays until it succeeds.
 */

const ERASE_CONFIRM =
  '已办结诉求中的称呼、电话、位置、照片和评价留言将立即删除，这些诉求不再显示在「我的反映」中；正在办理的诉求保留办理所需的信息，办结后删除。删除后无法恢复。';

Component({
  behaviors: [loadable, textSize],
  data: {
    openid: '',
    cases: [] as CaseRow[],
    moreCases: 0,
    roles: [] as Array<{ key: string; text: string }>,
    requests: [] as string[],
    retentionDays: 0,
    erasing: false,
    eraseError: '',
    /** What the last request did, shown above the list. */
    erased: '',
    clientRequestId: '',
  },
  methods: {
    onLoad() {
      this.setData({ clientRequestId: newClientRequestId(Math.random) });
      void this.load();
    },

    async fetch(): Promise<Loaded> {
      return this.show(await resident.myData());
    },

    show(view: MyDataView): Loaded {
      this.setData({
        openid: view.openid,
        cases: view.cases.map(caseRow),
        moreCases: view.moreCases,
        roles: view.roles.map((role, i) => ({
          key: `${role.role}-${i}`,
          text: `${role.role === 'leader' ? '分管领导' : ACTOR_ROLE_LABELS[role.role]}：${role.name}`,
        })),
        requests: view.requests.map(requestLine),
        retentionDays: view.retentionDays,
      });
      return holdsNothing(view) ? 'empty' : 'ready';
    },

    async onErase() {
      if (this.data.erasing) return;
      if (!(await confirm('删除我的个人信息', ERASE_CONFIRM, '确认删除'))) return;
      this.setData({ erasing: true, eraseError: '' });
      try {
        const result = await resident.eraseMyData(this.data.clientRequestId);
        const status = this.show(result.data);
        this.setData({
          status,
          erasing: false,
          erased: requestLine(result.request),
          clientRequestId: newClientRequestId(Math.random),
        });
      } catch (error) {
        // The same clientRequestId is sent again by the next tap: a retry, never a second request.
        this.setData({ erasing: false, eraseError: shownError(error).message });
      }
    },
  },
});
