import { CASE_NO_PATTERN, newCaseNo } from '../../miniprogram/core/case-number';
import { caseReceivedData, caseUpdatedData, templateData } from '../../miniprogram/core/notifications';
import {
  cleanText,
  hidePhones,
  isValidPhone,
  maskPhone,
  textInput,
  truncate,
} from '../../miniprogram/core/text';
import { chinaDate, chinaDateTime, weekdayLabel } from '../../miniprogram/core/china-time';

describe('text rules', () => {
  it('masks phone numbers for lists', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('0591-87654321')).toBe('********4321');
    expect(maskPhone(null)).toBeNull();
  });

  it('knows mobile and landline numbers', () => {
    expect(['13812345678', '0591-87654321', '059187654321'].every(isValidPhone)).toBe(true);
    expect(['12812345678', '1381234567', '87654321'].some(isValidPhone)).toBe(false);
  });

  it('truncates by characters, marking the cut', () => {
    expect(truncate('一二三四五', 5)).toBe('一二三四五');
    expect(truncate('一二三四五六', 5)).toBe('一二三四…');
    expect(truncate('a\n\n b', 10)).toBe('a b');
  });

  it('computes China-local dates and weekdays without depending on the machine’s time zone', () => {
    const midnightInChina = Date.parse('2026-01-01T00:30:00+08:00');
    expect(chinaDate(midnightInChina)).toBe('2026-01-01');
    expect(chinaDateTime(midnightInChina)).toBe('2026-01-01 00:30');
    expect(weekdayLabel('2026-01-10')).toBe('周六');
  });
});

describe('case numbers', () => {
  it('are the China-local date and eight random digits, grouped for reading aloud', () => {
    const at = Date.parse('2026-11-21T23:59:00+08:00');
    expect(newCaseNo(at, () => 0.4999)).toBe('20261121-4444-4444');
    expect(newCaseNo(at, Math.random)).toMatch(CASE_NO_PATTERN);
  });
});

describe('subscribe-message data', () => {
  it('stays within WeChat’s limits whatever the case says', () => {
    const received = caseReceivedData({
      caseNo: '20261121-1234-5678',
      kind: 'suggestion',
      categoryName: '社会保障与就业服务',
      description: '建议在社区增设老年食堂，方便独居老人就餐'.repeat(3),
      createdAt: Date.parse('2026-11-21T09:05:00+08:00'),
    });
    expect([...received.thing2.value].length).toBeLessThanOrEqual(20);
    expect([...received.thing3.value].length).toBeLessThanOrEqual(20);
    expect(received.time4.value).toBe('2026-11-21 09:05');
    const updated = caseUpdatedData({
      caseNo: '20261121-1234-5678',
      status: 'answered',
      note: '已答复',
      at: 0,
    });
    expect([...updated.phrase2.value].length).toBeLessThanOrEqual(5);
  });
});

describe('free text (one rule for every field people type)', () => {
  it('removes control and bidirectional characters a reader cannot see', () => {
    expect(cleanText('张\u0000先\u202e生\u2066\u200f\u007f\u009b')).toBe('张先生');
    expect(cleanText('\u202e\u061c')).toBe('');
  });

  it('keeps line breaks in multi-line text, as \\n, and folds them into spaces in one-line text', () => {
    expect(cleanText(' 第一行\r\n第二行\r第三行\u2028第四行\t完 ', 'lines')).toBe(
      '第一行\n第二行\n第三行\n第四行 完',
    );
    expect(cleanText(' 东街\n  88 号\t', 'line')).toBe('东街 88 号');
  });

  it('leaves ordinary text, emoji and joiners alone', () => {
    expect(cleanText('路灯坏了👨‍👩‍👧，请修复！', 'lines')).toBe('路灯坏了👨‍👩‍👧，请修复！');
  });

  it('reads a field as text, absent as empty, anything else as wrong (null)', () => {
    expect([textInput(undefined), textInput(null), textInput(' 好 ')]).toEqual(['', '', '好']);
    expect([textInput(13812345678), textInput(['a']), textInput({}), textInput(true)]).toEqual([
      null,
      null,
      null,
      null,
    ]);
  });
});

describe('phone numbers hidden from a reader who may not see them', () => {
  it('hides mobiles and landlines however they are written', () => {
    expect(hidePhones('打13912345678或139 1234 5678或+86-139-1234-5678，座机0591-87654321')).toBe(
      '打（电话已隐去）或（电话已隐去）或（电话已隐去），座机（电话已隐去）',
    );
  });

  it('leaves dates, case numbers, amounts and longer digit runs alone', () => {
    const text = '2026-06-01 起，受理编号 20261121-4821-3095，罚款 1500 元，订单 213912345678901';
    expect(hidePhones(text)).toBe(text);
  });
});

describe('subscribe-message data under the keys a deployment chose', () => {
  it('puts each field under its key and fits it to that key’s type', () => {
    const data = templateData(
      { caseNo: 'thing5', status: 'thing1', note: 'character_string9', time: 'date3' },
      {
        caseNo: '20261121-1234-5678',
        status: '已转交承办单位办理',
        note: 'x'.repeat(40),
        time: '2026-11-21 09:05',
      },
    );
    expect(data).toEqual({
      thing5: { value: '20261121-1234-5678' },
      thing1: { value: '已转交承办单位办理' },
      character_string9: { value: `${'x'.repeat(31)}…` },
      date3: { value: '2026-11-21 09:05' },
    });
    expect(templateData({ status: 'phrase7' }, { status: '已转交承办单位办理' })).toEqual({
      phrase7: { value: '已转交承…' },
    });
  });
});
