import type { SuggestionView } from '../../../core/api';
import { newClientRequestId } from '../../../core/ids';
import { loadable, type Loaded } from '../../../behaviors/loadable';
import { textSize } from '../../../behaviors/text-size';
import * as deputy from '../../../services/deputy-suggestions';
import { shownError } from '../../../utils/errors';
import { suggestionItem, type SuggestionItem } from '../../../utils/problem-classes';
import { navigate, toast } from '../../../utils/ui';

/**
 * 代表建议, for a deputy: the suggestions they drafted or are named to sign, newest first; one opened
 * in full, with 确认联名 when their signature is asked for and 提交 when it is their draft and
 * everyone has signed. The message asking them to sign opens this page. 起草建议 opens the form
 * (pages/deputy/suggestion-edit), and 修改 opens it on the deputy's own draft; `?id=` opens one.
 */

Component({
  behaviors: [loadable, textSize],
  data: {
    items: [] as SuggestionItem[],
    current: null as SuggestionView | null,
    canSign: false,
    canSubmit: false,
    canEdit: false,
    openId: '',
    busy: false,
    error: '',
  },
  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      this.setData({ openId: query.id ?? '' });
      void this.load();
    },

    async fetch(): Promise<Loaded> {
      const view = await deputy.suggestions();
      this.setData({ items: view.items.map(suggestionItem) });
      const openId = this.data.openId;
      this.show(openId && view.items.some((i) => i.id === openId) ? await deputy.suggestion(openId) : null);
      return view.items.length > 0 ? 'ready' : 'empty';
    },

    show(current: SuggestionView | null) {
      this.setData({
        current,
        canSign: current?.actions.includes('sign') ?? false,
        canSubmit: current?.actions.includes('submit') ?? false,
        canEdit: current?.actions.includes('update') ?? false,
        error: '',
      });
    },

    async onOpen(event: WechatMiniprogram.TouchEvent) {
      const id = String(event.currentTarget.dataset.id);
      if (this.data.current?.id === id) {
        this.show(null);
        return;
      }
      try {
        this.show(await deputy.suggestion(id));
      } catch (error) {
        toast(shownError(error).message);
      }
    },

    async act(change: (id: string, requestId: string) => Promise<SuggestionView>, done: string) {
      const current = this.data.current;
      if (!current || this.data.busy) return;
      this.setData({ busy: true });
      try {
        const view = await change(current.id, newClientRequestId(Math.random));
        const list = await deputy.suggestions();
        this.setData({ busy: false, items: list.items.map(suggestionItem) });
        this.show(view);
        toast(done, 'success');
      } catch (error) {
        this.setData({ busy: false, error: shownError(error).message });
      }
    },

    onDraft() {
      navigate('/pages/deputy/suggestion-edit/index');
    },

    onEdit() {
      const current = this.data.current;
      if (current) navigate(`/pages/deputy/suggestion-edit/index?id=${current.id}`);
    },

    onSign() {
      void this.act(deputy.signSuggestion, '已确认联名');
    },

    onSubmit() {
      void this.act(deputy.submitSuggestion, '已提交');
    },
  },
});
