import { validateReply, validateSubmit } from '../../miniprogram/core/submit';

const valid = {
  target: { type: 'deputy', code: 'D00001' },
  kind: 'complaint',
  category: 'noise',
  description: '  楼下饭店油烟和噪音扰民，晚上十一点还在营业  ',
  photos: ['cloud://local.b/appeals/o-me/202611/a.jpg'],
  location: { latitude: 26.08, longitude: 119.3, name: '南后街', extra: 'dropped' },
  phone: '138 1234 5678',
  contactName: '王女士',
  anonymous: false,
  consent: true,
  clientRequestId: 'abcDEF123456-_x',
};

describe('validateSubmit', () => {
  it('normalises a valid submission', () => {
    const result = validateSubmit(valid, 'o-me');
    expect(result).toEqual({
      ok: true,
      data: expect.objectContaining({
        description: '楼下饭店油烟和噪音扰民，晚上十一点还在营业',
        phone: '13812345678',
        location: { latitude: 26.08, longitude: 119.3, name: '南后街' },
      }),
    });
  });

  it.each([
    ['kind', { kind: 'praise' }, '请选择诉求类型'],
    ['category', { category: '' }, '请选择问题分类'],
    ['description', { description: '太吵' }, '请描述具体情况，至少 5 个字'],
    ['description', { description: '吵'.repeat(501) }, '描述最多 500 个字，当前 501 个字'],
    [
      'photos',
      { photos: Array.from({ length: 10 }, (_, i) => `cloud://x/appeals/o-me/${i}.jpg`) },
      '最多上传 9 张照片',
    ],
    ['photos', { photos: ['cloud://x/appeals/o-me/a.jpg', 'cloud://x/appeals/o-me/a.jpg'] }, '有重复的照片'],
    ['photos', { photos: ['cloud://x/appeals/o-other/a.jpg'] }, '只能使用您本人上传的照片'],
    ['phone', { phone: '1234567' }, '请填写正确的手机号或带区号的固定电话'],
    ['anonymous', { anonymous: true }, '匿名反映时不能留下姓名和电话'],
    ['location', { location: { latitude: 200, longitude: 0 } }, '位置信息无效，请重新选择'],
    ['consent', { consent: 'yes' }, '请阅读并同意个人信息保护说明'],
    ['clientRequestId', { clientRequestId: 'short' }, '请求编号无效，请重新提交'],
    ['target', { target: { type: 'deputy', code: 'X' } }, '二维码信息无效，请重新扫码'],
  ])('refuses a bad %s with its message', (field, patch, message) => {
    const result = validateSubmit({ ...valid, ...patch }, 'o-me');
    expect(result).toMatchObject({ ok: false, code: 'INPUT.INVALID', fields: { [field]: message } });
  });

  it('counts characters, not UTF-16 units (a 500-character text with emoji passes)', () => {
    expect(validateSubmit({ ...valid, description: '😀'.repeat(500) }, 'o-me').ok).toBe(true);
  });

  it('reports every problem at once, and the first as the message', () => {
    const result = validateSubmit({}, 'o-me');
    if (result.ok) throw new Error('expected a failure');
    expect(Object.keys(result.fields ?? {}).sort()).toEqual([
      'category',
      'clientRequestId',
      'consent',
      'description',
      'kind',
      'target',
    ]);
    expect(result.message).toBe('二维码信息无效，请重新扫码');
  });
});

describe('the location’s own consent', () => {
  it('takes a location with its own consent, and from older apps (no such field) under the notice', () => {
    expect(validateSubmit({ ...valid, locationConsent: true }, 'o-me')).toMatchObject({
      ok: true,
      data: { location: { name: '南后街' }, locationConsent: true },
    });
    const older = validateSubmit(valid, 'o-me');
    expect(older).toMatchObject({ ok: true, data: { location: { name: '南后街' } } });
    expect(older.ok && 'locationConsent' in older.data).toBe(false);
  });

  it.each([false, null, 'yes', 1])('refuses a location sent with consent %p', (locationConsent) => {
    expect(validateSubmit({ ...valid, locationConsent }, 'o-me')).toMatchObject({
      ok: false,
      fields: { location: '请先同意提供位置信息，或移除位置' },
    });
  });

  it('needs no location consent when there is no location', () => {
    expect(validateSubmit({ ...valid, location: null, locationConsent: false }, 'o-me').ok).toBe(true);
  });
});

describe('validateReply', () => {
  it('accepts a reply and refuses an empty or overlong one', () => {
    expect(validateReply({ caseId: 'c1', content: ' 已处理 ', clientRequestId: 'reply-000001' })).toEqual({
      ok: true,
      data: { caseId: 'c1', content: '已处理', clientRequestId: 'reply-000001', outcome: null },
    });
    expect(validateReply({ caseId: 'c1', content: '好', clientRequestId: 'reply-000001' })).toMatchObject({
      fields: { content: expect.any(String) },
    });
    expect(
      validateReply({ caseId: 'c1', content: '长'.repeat(501), clientRequestId: 'reply-000001' }),
    ).toMatchObject({
      fields: { content: '答复最多 500 个字，当前 501 个字' },
    });
  });

  it("takes the answer's outcome, one of three; none from an older app is null", () => {
    const reply = { caseId: 'c1', content: '已处理好了', clientRequestId: 'reply-000001' };
    expect(validateReply({ ...reply, outcome: 'planned' })).toMatchObject({
      ok: true,
      data: { outcome: 'planned' },
    });
    expect(validateReply({ ...reply, outcome: null })).toMatchObject({ ok: true, data: { outcome: null } });
    expect(validateReply({ ...reply, outcome: 'fixed' })).toMatchObject({
      ok: false,
      fields: { outcome: expect.any(String) },
    });
  });
});
