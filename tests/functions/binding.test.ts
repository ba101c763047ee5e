import { BIND_CODE_ALPHABET, normaliseBindCode } from '../../miniprogram/core/bind-code';
import { bindSettings, hashBindCode, INVALID_MESSAGE } from '../../cloudfunctions/_lib/directory';
import type { BindAttemptsDoc, BindCodeDoc, DeputyDoc, UserDoc } from '../../cloudfunctions/_lib/platform';
import { DEV_DEPUTY_OPENID, DEV_OFFICE_OPENID, DEV_STAFF_OPENID, DEV_UNIT_OPENID } from '../../stack/seed';
import { startProduct, submission } from '../helpers/project-stack';

/** Binding WeChat accounts to roles with the office's one-time codes, on the real stack. */

let product: Awaited<ReturnType<typeof startProduct>>;
beforeAll(async () => {
  product = await startProduct();
});
afterAll(() => product.close());

const HOUR = 3600_000;
const CODE_SHAPE = new RegExp(`^[${BIND_CODE_ALPHABET}]{4}-[${BIND_CODE_ALPHABET}]{4}$`);

const createCode = (role: 'deputy' | 'staff' | 'unit' | 'office', targetId?: string) =>
  product.ok(DEV_OFFICE_OPENID, 'office', 'createBindCode', targetId ? { role, targetId } : { role });
const bind = (openid: string, code: string) => product.call(openid, 'resident', 'bind', { code });

const storedCode = (code: string) =>
  product.stack.store.find('bind_codes', {
    codeHash: hashBindCode(normaliseBindCode(code), bindSettings().pepper),
  })[0] as unknown as BindCodeDoc;
const user = (openid: string) => product.stack.store.getById('users', openid) as unknown as UserDoc | null;
const deputy = (id: string) => product.stack.store.getById('deputies', id) as unknown as DeputyDoc;
const set = (collection: string, filter: Record<string, unknown>, fields: Record<string, unknown>) =>
  product.stack.store.update(
    collection,
    filter,
    { $set: fields },
    { multi: false, upsert: false, merge: true },
  );

/** A well-formed code nobody made (a collision is one chance in 2^40). */
let guesses = 0;
const wrongCode = () => `ZZZZ${'23456789'[guesses++ % 8]}ZZZ`;

describe('creating a code', () => {
  it('gives the office a typable code for a deputy and stores only its hash', async () => {
    const before = Date.now();
    const view = await createCode('deputy', 'deputy-wang');

    expect(view).toMatchObject({
      role: 'deputy',
      targetName: '王丽萍',
      code: expect.stringMatching(CODE_SHAPE),
    });
    expect(view.expiresAt).toBeGreaterThanOrEqual(before + 72 * HOUR);
    expect(view.expiresAt).toBeLessThanOrEqual(Date.now() + 72 * HOUR);
    const doc = storedCode(view.code);
    expect(doc).toMatchObject({
      role: 'deputy',
      targetId: 'deputy-wang',
      createdBy: DEV_OFFICE_OPENID,
      usedBy: null,
      usedAt: null,
    });
    const raw = JSON.stringify(product.stack.store.find('bind_codes', {}));
    expect(raw).not.toContain(view.code);
    expect(raw).not.toContain(normaliseBindCode(view.code));
  });

  it('makes codes for a staff member, a unit and the office', async () => {
    expect(await createCode('staff', 'staff-xu')).toMatchObject({ role: 'staff', targetName: '许文' });
    expect(await createCode('unit', 'dept-housing')).toMatchObject({
      role: 'unit',
      targetName: '区住房和城乡建设局',
    });
    expect(await createCode('office')).toMatchObject({ role: 'office', targetName: '人大常委会代表工委' });
  });

  it('follows BIND_CODE_TTL_HOURS', async () => {
    process.env.BIND_CODE_TTL_HOURS = '2';
    try {
      const view = await createCode('deputy', 'deputy-chen');
      expect(view.expiresAt).toBeLessThanOrEqual(Date.now() + 2 * HOUR);
      expect(view.expiresAt).toBeGreaterThan(Date.now() + 2 * HOUR - 60_000);
    } finally {
      delete process.env.BIND_CODE_TTL_HOURS;
    }
  });

  it('is for the office only: the role comes from users, not from the request', async () => {
    for (const openid of ['o-nobody', DEV_DEPUTY_OPENID, DEV_STAFF_OPENID, DEV_UNIT_OPENID]) {
      expect(
        await product.call(openid, 'office', 'createBindCode', {
          role: 'deputy',
          targetId: 'deputy-wang',
          roles: [{ role: 'office' }],
        }),
      ).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
    }
    // A call with no WeChat user at all (an admin SDK call) is no office either.
    const { result } = await product.admin.callFunction({
      name: 'office',
      data: { action: 'createBindCode', data: { role: 'office' } },
    });
    expect(result).toMatchObject({ ok: false, code: 'AUTH.UNIDENTIFIED' });
  });

  it('refuses unknown roles and targets, a target for the office, and a deputy who left office', async () => {
    const create = (data: Record<string, unknown>) =>
      product.call(DEV_OFFICE_OPENID, 'office', 'createBindCode', data);
    expect(await create({ role: 'admin' })).toMatchObject({
      code: 'INPUT.INVALID',
      fields: { role: expect.any(String) },
    });
    expect(await create({ role: 'deputy' })).toMatchObject({
      code: 'INPUT.INVALID',
      fields: { targetId: expect.any(String) },
    });
    expect(await create({ role: 'deputy', targetId: 'station-dongjie' })).toMatchObject({
      code: 'INPUT.INVALID',
      fields: { targetId: '没有找到这位代表' },
    });
    expect(await create({ role: 'unit', targetId: 'deputy-wang' })).toMatchObject({ code: 'INPUT.INVALID' });
    expect(await create({ role: 'office', targetId: 'deputy-wang' })).toMatchObject({
      code: 'INPUT.INVALID',
    });

    set('deputies', { _id: 'deputy-huang' }, { active: false });
    expect(await create({ role: 'deputy', targetId: 'deputy-huang' })).toMatchObject({
      ok: false,
      code: 'BIND.TARGET_INACTIVE',
      message: expect.stringContaining('黄美玲已不再履行代表职务'),
    });
    expect(product.stack.store.count('bind_codes', { targetId: 'deputy-huang' })).toBe(0);
  });
});

describe('binding', () => {
  it('makes a resident the deputy: me shows the role, the inbox opens, notifications reach them', async () => {
    const resident = 'o-new-wang';
    const { code } = await createCode('deputy', 'deputy-wang');
    // Typed sloppily: lower case, spaces instead of the dash.
    const typed = ` ${code.slice(0, 4).toLowerCase()} ${code.slice(5)} `;

    const me = await product.ok(resident, 'resident', 'bind', { code: typed });

    expect(me).toEqual({
      openid: resident,
      roles: [{ role: 'deputy', deputyId: 'deputy-wang', name: '王丽萍' }],
      unread: { asResident: 0, asDeputy: expect.any(Number) },
    });
    expect(await product.ok(resident, 'resident', 'me', {})).toEqual(me);
    expect(user(resident)).toMatchObject({
      _id: resident,
      openid: resident,
      roles: [{ role: 'deputy', deputyId: 'deputy-wang' }],
    });
    expect(deputy('deputy-wang').openid).toBe(resident);
    expect(storedCode(code)).toMatchObject({ usedBy: resident, usedAt: expect.any(Number) });

    const { caseId } = await product.ok(
      'o-writes-wang',
      'resident',
      'submit',
      submission({ target: { type: 'deputy', code: 'D00003' } }),
    );
    const inbox = await product.ok(resident, 'deputy', 'inbox', {});
    expect(inbox.items.map((i) => i.id)).toContain(caseId);
    const received = (await product.wxCalls('subscribeMessage.send')).filter((c) =>
      String(c.request.page).includes(caseId),
    );
    expect(received.map((c) => c.request.touser)).toContain(resident);
  });

  it('works once: the same code again is invalid, for anyone', async () => {
    const { code } = await createCode('unit', 'dept-wenquan-street');
    expect(await bind('o-unit-once', code)).toMatchObject({ ok: true });
    for (const openid of ['o-unit-once', 'o-unit-twice']) {
      expect(await bind(openid, code)).toEqual({
        ok: false,
        code: 'BIND.INVALID',
        message: INVALID_MESSAGE,
        fields: { code: INVALID_MESSAGE },
      });
    }
    expect(user('o-unit-twice')).toBeNull();
  });

  it('refuses an expired code with the same answer as an unknown one', async () => {
    const { code } = await createCode('unit', 'dept-market');
    set('bind_codes', { _id: storedCode(code)._id }, { expiresAt: Date.now() - 1000 });

    const expired = await bind('o-late', code);
    const unknown = await bind('o-late', wrongCode());

    expect(expired).toMatchObject({ ok: false, code: 'BIND.INVALID', message: INVALID_MESSAGE });
    expect(unknown).toEqual(expired);
    expect(storedCode(code).usedBy).toBeNull();
    expect(user('o-late')).toBeNull();
  });

  it('refuses a code for a deputy who left office after it was made', async () => {
    const { code } = await createCode('deputy', 'deputy-liu');
    set('deputies', { _id: 'deputy-liu' }, { active: false });
    try {
      expect(await bind('o-liu', code)).toMatchObject({ ok: false, code: 'BIND.INVALID' });
      expect(deputy('deputy-liu').openid).toBeNull();
    } finally {
      set('deputies', { _id: 'deputy-liu' }, { active: true });
    }
  });

  it('tells a malformed code apart without counting it as a guess', async () => {
    expect(await bind('o-typo', '')).toMatchObject({
      code: 'INPUT.INVALID',
      fields: { code: '请输入绑定码' },
    });
    for (let i = 0; i < 8; i++) {
      expect(await bind('o-typo', 'ABCD-EF0O')).toMatchObject({
        code: 'INPUT.INVALID',
        fields: { code: expect.stringContaining('不含 0、O、1、I') },
      });
    }
    const { code } = await createCode('unit', 'dept-health');
    expect(await bind('o-typo', code)).toMatchObject({ ok: true });
  });

  it('adds a role once, keeps the roles a user had, and adds the office role', async () => {
    const first = await createCode('staff', 'staff-xu');
    const again = await createCode('staff', 'staff-xu');
    const office = await createCode('office');
    await product.ok(DEV_UNIT_OPENID, 'resident', 'bind', { code: first.code });
    await product.ok(DEV_UNIT_OPENID, 'resident', 'bind', { code: again.code });
    const me = await product.ok(DEV_UNIT_OPENID, 'resident', 'bind', { code: office.code });

    expect(me.roles).toEqual([
      { role: 'unit', unitId: 'dept-dongjie-street', name: '东街街道办事处' },
      { role: 'staff', stationId: 'station-dongjie', name: '东街街道三坊七巷社区人大代表联络站' },
      { role: 'staff', stationId: 'station-wenquan', name: '温泉街道联络点' },
      { role: 'office', name: '人大常委会代表工委' },
    ]);
    expect(user(DEV_UNIT_OPENID)?.name).toBe('吴建平');
  });
});

describe('the attempt limit', () => {
  it('refuses the sixth attempt within the hour, even with a right code, and says when to try again', async () => {
    const guesser = 'o-guesser';
    for (let i = 0; i < 5; i++) {
      expect(await bind(guesser, wrongCode())).toMatchObject({ ok: false, code: 'BIND.INVALID' });
    }
    const { code } = await createCode('deputy', 'deputy-chen');

    const sixth = await bind(guesser, code);

    expect(sixth).toMatchObject({
      ok: false,
      code: 'BIND.RATE_LIMITED',
      message: expect.stringMatching(/^尝试次数过多，请于 \d{2}:\d{2}（约 (60|61) 分钟后）再试$/),
    });
    expect(storedCode(code).usedBy).toBeNull();
    expect(user(guesser)).toBeNull();
    // Another account is not affected, and the code still works for whoever holds it.
    expect(await bind('o-honest', code)).toMatchObject({ ok: true });

    // An hour later the guesser may try again.
    const doc = product.stack.store.getById('bind_attempts', guesser) as unknown as BindAttemptsDoc;
    expect(doc.failures).toHaveLength(5);
    set(
      'bind_attempts',
      { _id: guesser },
      { failures: doc.failures.map((f) => ({ ...f, at: f.at - HOUR })) },
    );
    const fresh = await createCode('unit', 'dept-education');
    expect(await bind(guesser, fresh.code)).toMatchObject({ ok: true });
  });

  it('counts parallel guesses one by one', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, () => bind('o-parallel', wrongCode())));
    const codes = results.map((r) => (r.ok ? 'OK' : r.code));

    expect(codes.filter((c) => c === 'BIND.INVALID').length).toBeLessThanOrEqual(5);
    expect(codes.filter((c) => c === 'BIND.INVALID' || c === 'BIND.RATE_LIMITED')).toHaveLength(8);
    const doc = product.stack.store.getById('bind_attempts', 'o-parallel') as unknown as BindAttemptsDoc;
    expect(doc.failures.length).toBeLessThanOrEqual(5);
  });

  it('does not count a successful bind', async () => {
    const openid = 'o-successful';
    for (let i = 0; i < 4; i++) await bind(openid, wrongCode());
    await product.ok(openid, 'resident', 'bind', {
      code: (await createCode('unit', 'dept-traffic-police')).code,
    });
    expect(await bind(openid, wrongCode())).toMatchObject({ code: 'BIND.INVALID' });
    expect(await bind(openid, wrongCode())).toMatchObject({ code: 'BIND.RATE_LIMITED' });
  });
});

describe('concurrency', () => {
  it('of two people redeeming one code at once, exactly one succeeds', async () => {
    const { code } = await createCode('deputy', 'deputy-zheng');

    const results = await Promise.all([bind('o-race-a', code), bind('o-race-b', code)]);

    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ code: 'BIND.INVALID' });
    const winner = results[0].ok ? 'o-race-a' : 'o-race-b';
    const loser = winner === 'o-race-a' ? 'o-race-b' : 'o-race-a';
    expect(storedCode(code).usedBy).toBe(winner);
    expect(deputy('deputy-zheng').openid).toBe(winner);
    expect(user(winner)?.roles).toEqual([{ role: 'deputy', deputyId: 'deputy-zheng' }]);
    expect(user(loser)).toBeNull();
  });
});

describe('a deputy changes phones', () => {
  it('moves the deputy role and the notifications to the new account, and leaves the old one its other roles', async () => {
    const oldPhone = 'o-wang-old-phone';
    const newPhone = 'o-wang-new-phone';
    await product.ok(oldPhone, 'resident', 'bind', {
      code: (await createCode('deputy', 'deputy-wang')).code,
    });
    const staff = await product.ok(DEV_OFFICE_OPENID, 'office', 'save', {
      kind: 'staff',
      fields: { name: '王丽萍', phone: '13905910077', stationIds: ['station-dongjie'] },
      clientRequestId: 'staff-wang-phone-1',
    });
    await product.ok(oldPhone, 'resident', 'bind', { code: (await createCode('staff', staff.id)).code });
    expect(deputy('deputy-wang').openid).toBe(oldPhone);

    const me = await product.ok(newPhone, 'resident', 'bind', {
      code: (await createCode('deputy', 'deputy-wang')).code,
    });

    expect(me.roles).toEqual([{ role: 'deputy', deputyId: 'deputy-wang', name: '王丽萍' }]);
    expect(deputy('deputy-wang').openid).toBe(newPhone);
    expect(user(oldPhone)?.roles).toEqual([
      { role: 'staff', stationId: 'station-dongjie', staffId: staff.id },
    ]);
    expect((await product.ok(oldPhone, 'resident', 'me', {})).roles.map((r) => r.role)).toEqual(['staff']);
    expect(await product.call(oldPhone, 'deputy', 'inbox', {})).toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });
    expect(await product.call(newPhone, 'deputy', 'inbox', {})).toMatchObject({ ok: true });
  });

  it('rebinding the same phone changes nothing', async () => {
    const phone = 'o-chen';
    await product.ok(phone, 'resident', 'bind', { code: (await createCode('deputy', 'deputy-chen')).code });
    const me = await product.ok(phone, 'resident', 'bind', {
      code: (await createCode('deputy', 'deputy-chen')).code,
    });
    expect(me.roles).toEqual([{ role: 'deputy', deputyId: 'deputy-chen', name: '陈建国' }]);
    expect(deputy('deputy-chen').openid).toBe(phone);
  });
});

describe('naming the target', () => {
  it("accepts the code printed on a deputy's QR code as well as the id", async () => {
    const deputy = await product.call('dev-office-openid', 'office', 'createBindCode', {
      role: 'deputy',
      targetId: 'd00002',
    });
    expect(deputy).toMatchObject({ ok: true, data: { role: 'deputy', targetName: '陈建国' } });
    // A staff code binds a person, not a station: a station's printed code names nobody.
    const station = await product.call('dev-office-openid', 'office', 'createBindCode', {
      role: 'staff',
      targetId: 'S0002',
    });
    expect(station).toMatchObject({ ok: false, fields: { targetId: '没有找到这位工作人员' } });
  });
});
