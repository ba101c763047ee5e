import { toneOf } from '../../miniprogram/components/status-tag/tone';
import { CASE_STATUS_LABELS, type CaseStatus } from '../../miniprogram/core/model';
import { parseDraft } from '../../miniprogram/pages/submit/draft';
import { apiError } from '../../miniprogram/services/api';
import { canRetry, shownError } from '../../miniprogram/utils/errors';
import { errMsgOf, initialOf, isCancel, receptionLabel } from '../../miniprogram/utils/format';

describe('status tone', () => {
  it('gives every status a tone, and makes the waiting, the moving and the answered differ', () => {
    for (const status of Object.keys(CASE_STATUS_LABELS) as CaseStatus[]) {
      expect(['warning', 'info', 'success', 'muted']).toContain(toneOf(status));
    }
    expect(
      new Set([toneOf('submitted'), toneOf('in_progress'), toneOf('answered'), toneOf('closed')]).size,
    ).toBe(4);
    expect(toneOf('something-new')).toBe('muted');
  });
});

describe('parseDraft', () => {
  it('restores what was stored', () => {
    const draft = {
      clientRequestId: 'abcDEF1234567890abcd',
      form: {
        kind: 'help',
        category: 'parking',
        description: '停车难',
        phone: '13812341234',
        contactName: '张',
        anonymous: false,
        consent: true,
        location: { latitude: 1, longitude: 2 },
        locationConsent: true,
        publishConsent: true,
      },
      photos: [{ fileID: 'cloud://a', path: 'wxfile://a.jpg' }],
    };

    expect(parseDraft(JSON.parse(JSON.stringify(draft)))).toEqual(draft);
  });

  it('ignores anything that is not a draft, and fills in fields an older draft lacks', () => {
    expect(parseDraft('')).toBeNull();
    expect(parseDraft({ form: {} })).toBeNull();
    expect(parseDraft({ clientRequestId: 'abcDEF1234567890abcd', photos: [{ fileID: '' }, 'x'] })).toEqual({
      clientRequestId: 'abcDEF1234567890abcd',
      form: {
        kind: '',
        category: '',
        description: '',
        phone: '',
        contactName: '',
        anonymous: false,
        consent: false,
        location: null,
        locationConsent: false,
        publishConsent: false,
      },
      photos: [],
    });
  });
});

describe('errors as shown', () => {
  it("shows a function's message and fields, and offers 重试 only where it can help", () => {
    const retired = shownError(apiError('CODE.RETIRED', '该代表已不再履职'));
    const network = shownError(apiError('NETWORK', '网络不太好，请稍后重试'));

    expect(retired).toEqual({ code: 'CODE.RETIRED', message: '该代表已不再履职', fields: {} });
    expect(canRetry(retired)).toBe(false);
    expect(canRetry(network)).toBe(true);
  });

  it('shows a plain sentence for a bug on the page', () => {
    jest.spyOn(console, 'error').mockImplementation(() => undefined);

    expect(shownError(new TypeError('x is undefined')).message).toBe('出了点问题，请稍后重试');

    jest.restoreAllMocks();
  });
});

describe('format helpers', () => {
  it('labels reception days', () => {
    expect(
      receptionLabel({ date: '2026-12-10', weekday: '周四', stationName: 's', deputiesOnDuty: [] }),
    ).toBe('2026-12-10 周四');
    expect(receptionLabel(null)).toBe('暂无安排');
  });

  it('takes the first character of a name for an avatar', () => {
    expect(initialOf(' 王建国')).toBe('王');
    expect(initialOf('𠮷野')).toBe('𠮷');
    expect(initialOf('')).toBe('?');
  });

  it('reads wx failures', () => {
    expect(errMsgOf({ errMsg: 'chooseMedia:fail cancel' })).toBe('chooseMedia:fail cancel');
    expect(isCancel({ errMsg: 'chooseMedia:fail cancel' })).toBe(true);
    expect(isCancel(new Error('uploadFile:fail timeout'))).toBe(false);
  });
});
