import {
  nextCode,
  normalisePhone,
  validateDirectoryFields,
  validateReason,
} from '../../miniprogram/core/directory';

describe('phone numbers as people type them', () => {
  it.each([
    ['138 0591 2345', '13805912345'],
    ['138-0591-2345', '13805912345'],
    ['+86 13805912345', '13805912345'],
    ['0591-87654321', '0591-87654321'],
    ['（0591）87654321', '059187654321'],
    [13805912345, '13805912345'],
    [null, ''],
  ])('%s → %s', (typed, stored) => {
    expect(normalisePhone(typed)).toBe(stored);
  });
});

describe('directory records', () => {
  it('trims a deputy and leaves out the optional phone and station', () => {
    expect(
      validateDirectoryFields('deputy', { name: '  林  晓红 ', level: 'city', title: ' 代表 ' }),
    ).toEqual({
      ok: true,
      data: { name: '林 晓红', level: 'city', stationId: null, title: '代表', phone: null },
    });
  });

  it('requires a staff member’s phone and at least one station, without repeats', () => {
    expect(validateDirectoryFields('staff', { name: '周敏', stationIds: ['s1', 's1', ' '] })).toMatchObject({
      ok: false,
      fields: { phone: '请填写联系电话' },
    });
    expect(
      validateDirectoryFields('staff', { name: '周敏', phone: '13905910001', stationIds: ['s1', 's1'] }),
    ).toEqual({ ok: true, data: { name: '周敏', phone: '13905910001', stationIds: ['s1'] } });
  });

  it('checks a unit’s kind and a station’s address, location, rule and deputies per day', () => {
    expect(validateDirectoryFields('unit', { name: '区民政局', unitKind: 'ministry' })).toMatchObject({
      fields: { unitKind: '请选择单位类别' },
    });
    const station = validateDirectoryFields('station', {
      name: '某站',
      level: 'contact_point',
      address: '',
      location: { latitude: 200, longitude: 0 },
      receptionRule: { kind: 'nth_weekday', weekday: 9, nth: [1] },
      deputiesPerDay: 0,
    });
    expect(station).toMatchObject({
      ok: false,
      fields: {
        address: expect.stringContaining('请填写地址'),
        location: '位置信息无效，请重新选择',
        receptionRule: '请选择星期几',
        deputiesPerDay: '每个接待日值班代表应为 1 到 6 人',
      },
    });
  });

  it('limits names to 30 characters, counting characters rather than code units', () => {
    expect(validateDirectoryFields('unit', { name: '𠮷'.repeat(30), unitKind: 'township' }).ok).toBe(true);
    expect(validateDirectoryFields('unit', { name: '𠮷'.repeat(31), unitKind: 'township' })).toMatchObject({
      fields: { name: '单位名称最多 30 个字' },
    });
  });

  it('asks for a reason of 2 to 100 characters when retiring', () => {
    expect(validateReason('满')).toMatchObject({ ok: false, fields: { reason: expect.any(String) } });
    expect(validateReason(' 任期届满 ')).toEqual({ ok: true, data: '任期届满' });
  });
});

describe('printed codes', () => {
  it('counts on from the highest, never reusing one', () => {
    expect(nextCode('deputy', null)).toBe('D00001');
    expect(nextCode('deputy', 'D00099')).toBe('D00100');
    expect(nextCode('station', 'S0009')).toBe('S0010');
  });
});
