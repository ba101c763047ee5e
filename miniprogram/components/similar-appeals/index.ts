import type { PlaceInput, SimilarAppealItem } from '../../core/api';
import { LIMITS } from '../../core/submit';
import { charLength } from '../../core/text';
import * as resident from '../../services/resident';

/**
 * Before submitting (相似诉求): whether the same problem is already being handled nearby, shown with
 * nothing of the other people (the class of problem, the place name, the status, the date), and
 * 加入此诉求 to submit linked to it (`join` with `{ caseNo }`, or `''` to undo).
 *
 * `<similar-appeals description="…" category="…" location="{{…}}" joined="{{caseNo}}"
 *  check="{{n}}" bind:join="onJoin" />`: the page bumps `check` when the description is finished
 * (blur) or the location chosen, and the draft as it then stands is looked up. A failed look-up
 * shows nothing: it must never stand between the resident and the submit button.
 */

interface Row extends SimilarAppealItem {
  line: string;
}

const rowOf = (item: SimilarAppealItem): Row => ({
  ...item,
  line: [
    item.place,
    item.metres !== null ? `相距约 ${item.metres} 米` : '',
    item.statusLabel,
    `${item.date} 反映`,
    item.joined > 0 ? `已有 ${item.joined} 人加入` : '',
  ]
    .filter(Boolean)
    .join(' · '),
});

Component({
  options: { addGlobalClass: true },
  properties: {
    description: { type: String, value: '' },
    category: { type: String, value: '' },
    location: { type: Object, value: null as unknown as PlaceInput },
    joined: { type: String, value: '' },
    check: { type: Number, value: 0 },
  },
  data: { items: [] as Row[] },
  observers: {
    check(count: number) {
      if (count > 0) void this.lookUp();
    },
  },
  methods: {
    async lookUp() {
      const description = this.data.description.trim();
      const location = this.data.location as PlaceInput | null;
      if (charLength(description) < LIMITS.descriptionMin || charLength(description) > LIMITS.descriptionMax)
        return;
      try {
        const view = await resident.similarAppeals({
          description,
          ...(this.data.category ? { category: this.data.category } : {}),
          ...(location ? { location } : {}),
        });
        this.setData({ items: view.items.map(rowOf) });
      } catch {
        this.setData({ items: [] });
      }
    },

    onJoin(event: WechatMiniprogram.TouchEvent) {
      const caseNo = String(event.currentTarget.dataset.caseNo ?? '');
      this.triggerEvent('join', { caseNo: caseNo === this.data.joined ? '' : caseNo });
    },
  },
});
