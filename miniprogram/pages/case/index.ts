import type { CaseDetailView, TimelineEntry } from '../../core/api';
import { newClientRequestId } from '../../core/ids';
import { RATING_LABELS, RATINGS, type Rating } from '../../core/model';
import { SUBSCRIBE_ON_SUBMIT } from '../../core/notifications';
import { charLength } from '../../core/text';
import { textSize } from '../../behaviors/text-size';
import { loadable } from '../../behaviors/loadable';
import { askConsent } from '../../services/consent';
import * as resident from '../../services/resident';
import { linkedId, shownError } from '../../utils/errors';
import { chinaDateTime } from '../../core/china-time';
import {
  expectedAnswer,
  latestAnswer,
  RATED_UNSATISFIED,
  RESIDENT_STATUS,
  type StatusWords,
} from '../../utils/resident-words';
import { toast } from '../../utils/ui';
import { voiceRows } from '../../utils/voice-upload';

/**
 * One of the resident's appeals, in the order they need it: where it stands in plain words (待您评价,
 * not 已答复) with when to expect an answer, the answer itself, then the rating (满意 / 基本满意 /
 * 不满意) below the answer it rates, then what they reported and how it went (newest first). The
 * 受理编号 is a line of the report, not the headline. Under the status, the resident's own steps
 * (components/case-steps): 补充, 催办 and 撤回, as the function says they are possible now. Options: `id` (also the page the progress
 * notification opens).
 *
 * The detail view carries no rating for residents: the block shows while the case is `answered` and
 * the timeline has no rating after the latest answer. 满意 and 基本满意 close the case; 不满意 leaves
 * it `answered` for the deputy to redo or supervise, and the page says 已评价：不满意.
 * Below the report: whether the outcome will be published once closed (五公开), with the button to
 * agree or to withdraw.
 * A rating is safe to retry: its clientRequestId is made once per choice and comment, and sent again
 * while they stay the same.
 */

const COMMENT_MAX = 200;

/** Events that give the resident an answer to rate. */
const ANSWERS: TimelineEntry['type'][] = ['replied', 'unit_answered'];

/** Whether the latest answer has been rated already (the timeline is oldest first). */
function ratedAfterLatestAnswer(timeline: TimelineEntry[]): boolean {
  let answeredAt = -1;
  let ratedAt = -1;
  timeline.forEach((entry, index) => {
    if (ANSWERS.includes(entry.type)) answeredAt = index;
    else if (entry.type === 'rated') ratedAt = index;
  });
  return ratedAt > answeredAt;
}

const EMPTY_ERRORS = { rating: '', comment: '', form: '' };

/** 五公开 in plain words: whether the outcome will be shown, and what tapping changes. */
interface PublishWords {
  consent: boolean;
  state: string;
  hint: string;
  action: string;
}

function publishWords(consent: boolean | undefined): PublishWords | null {
  if (consent === undefined) return null;
  return consent
    ? {
        consent,
        state: '您已同意公开办理结果',
        hint: '办结以后，这件事的类别、简要内容和答复会显示在代表和联络站的页面上，姓名、电话、门牌号都会隐去，照片不公开。撤回后马上不再显示。',
        action: '撤回同意',
      }
    : {
        consent,
        state: '不公开',
        hint: '同意后，办结时会隐去姓名、电话、门牌号，把办理结果显示在代表和联络站的页面上，让街坊邻居看到反映的事有着落。',
        action: '同意公开',
      };
}

Component({
  behaviors: [loadable, textSize],
  data: {
    caseId: '',
    view: null as CaseDetailView | null,
    /** The case's voice notes (声音留言), as components/voice-list plays them. */
    voiceRows: [] as ReturnType<typeof voiceRows>,
    createdAt: '',
    words: RESIDENT_STATUS.submitted as StatusWords,
    expected: '',
    answer: null as { title: string; note: string; by: string; time: string } | null,
    reached: '',
    ratings: RATINGS.map((key) => ({ key, label: RATING_LABELS[key] })),
    canRate: false,
    choice: '' as Rating | '',
    comment: '',
    commentCount: 0,
    commentMax: COMMENT_MAX,
    errors: { ...EMPTY_ERRORS },
    submitting: false,
    /** The latest answer is rated: by this page, by the timeline, or as the function said. */
    rated: false,
    /** What this resident chose on this page, once the function took it. */
    ratedLabel: '',
    /** The choice and comment last sent and their clientRequestId, reused while they stay the same. */
    sent: { key: '', clientRequestId: '' },
    publish: null as PublishWords | null,
    publishing: false,
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      this.setData({ caseId: options.id ?? '' });
      void this.load();
    },

    async fetch() {
      this.show(await resident.caseDetail(linkedId(this.data.caseId, '没有找到这条诉求')));
    },

    show(view: CaseDetailView) {
      const rated = this.data.rated || ratedAfterLatestAnswer(view.timeline);
      const answer = latestAnswer(view.timeline);
      this.setData({
        view,
        voiceRows: voiceRows(view.voiceNotes),
        createdAt: chinaDateTime(view.createdAt),
        words: view.status === 'answered' && rated ? RATED_UNSATISFIED : RESIDENT_STATUS[view.status],
        expected: expectedAnswer(view.status, view.kind, view.answerDueDate),
        answer: answer && { ...answer, time: chinaDateTime(answer.at) },
        reached: [view.deputy?.name, view.station?.name].filter(Boolean).join(' · '),
        rated,
        canRate: view.status === 'answered' && !rated,
        publish: publishWords(view.publishConsent),
      });
    },

    /** Gives or withdraws the consent to publish (五公开); setting it twice changes nothing. */
    async onTogglePublish() {
      const publish = this.data.publish;
      if (!publish || this.data.publishing) return;
      this.setData({ publishing: true });
      try {
        const view = await resident.setPublishConsent(this.data.caseId, !publish.consent);
        this.show(view);
        toast(publish.consent ? '已撤回，不再公开' : '已同意公开', 'success');
      } catch (error) {
        toast(shownError(error).message);
      } finally {
        this.setData({ publishing: false });
      }
    },

    /** 补充, 催办 or 撤回 went through (components/case-steps): the case as it now stands. */
    onStepDone(event: WechatMiniprogram.CustomEvent<{ view: CaseDetailView }>) {
      this.show(event.detail.view);
    },

    onRating(event: WechatMiniprogram.BaseEvent<object, { rating: Rating }>) {
      this.setData({ choice: event.currentTarget.dataset.rating, 'errors.rating': '', 'errors.form': '' });
    },

    onComment(event: WechatMiniprogram.TextareaInput) {
      const comment = event.detail.value;
      const count = charLength(comment.trim());
      this.setData({
        comment,
        commentCount: count,
        'errors.comment': count > COMMENT_MAX ? `评价最多 ${COMMENT_MAX} 个字，当前 ${count} 个字` : '',
      });
    },

    /** Synchronous up to the subscribe request, which WeChat only shows from a tap before any await. */
    onSubmitRating() {
      if (this.data.submitting) return;
      const rating = this.data.choice;
      const comment = this.data.comment.trim();
      if (!rating) {
        this.setData({ 'errors.rating': '请选择满意程度' });
        return;
      }
      if (charLength(comment) > COMMENT_MAX) {
        this.setData({ 'errors.comment': `评价最多 ${COMMENT_MAX} 个字，当前 ${charLength(comment)} 个字` });
        return;
      }
      const key = `${rating}\n${comment}`;
      const clientRequestId =
        this.data.sent.key === key && this.data.sent.clientRequestId
          ? this.data.sent.clientRequestId
          : newClientRequestId(Math.random);
      // Only 不满意 keeps the case going: that is when the resident wants to hear what happens next.
      if (rating === 'unsatisfied') void askConsent(SUBSCRIBE_ON_SUBMIT);
      this.setData({ submitting: true, errors: { ...EMPTY_ERRORS }, sent: { key, clientRequestId } });
      void this.sendRating(rating, comment, clientRequestId);
    },

    async sendRating(rating: Rating, comment: string, clientRequestId: string) {
      try {
        const view = await resident.rate(this.data.caseId, rating, comment, clientRequestId);
        this.setData({
          submitting: false,
          rated: true,
          ratedLabel: RATING_LABELS[rating],
          sent: { key: '', clientRequestId: '' },
        });
        this.show(view);
        toast('感谢您的评价', 'success');
      } catch (error) {
        const shown = shownError(error);
        this.setData({ submitting: false });
        if (shown.code === 'CASE.TRANSITION_FORBIDDEN' || shown.code === 'CONFLICT') {
          // The case moved on: rated already (on another phone), closed by time, answered again.
          // Say so and show where it stands. A resident may rate an answered case only while it is
          // unrated, so an answered case refused outright has been rated.
          toast(shown.message);
          if (shown.code === 'CASE.TRANSITION_FORBIDDEN') this.setData({ rated: true });
          void this.load();
          return;
        }
        this.setData({
          errors: {
            rating: shown.fields.rating ?? '',
            comment: shown.fields.comment ?? shown.fields.note ?? '',
            form: shown.fields.rating || shown.fields.comment || shown.fields.note ? '' : shown.message,
          },
        });
      }
    },
  },
});
