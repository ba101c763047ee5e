import { publicText } from '../../cloudfunctions/_lib/privacy';

/** 五公开's masking (privacy/public-text.ts): what identifies a person never reaches a public page. */

const mask = (text: string, names: string[] = []) => publicText(text, { max: 200, names });

describe('publicText', () => {
  it('hides ID numbers, phone numbers and e-mail addresses', () => {
    expect(mask('身份证350102198001011234，旧证350102800101123。')).toBe(
      '身份证（证件号已隐去），旧证（证件号已隐去）。',
    );
    expect(mask('电话 139 1234 5678 或 +86-13912345678，座机0591-87654321')).toBe(
      '电话 （电话已隐去） 或 （电话已隐去），座机（电话已隐去）',
    );
    expect(mask('发到 zhang.san@example.com 就行')).toBe('发到 （邮箱已隐去） 就行');
  });

  it('hides house numbers in digits and in Chinese numerals, and other runs of digits', () => {
    expect(mask('住3号楼2单元501室，隔壁十二栋三层')).toBe('住*号楼*单元*室，隔壁*栋*层');
    expect(mask('车牌闽A12345停在门口')).toBe('车牌闽A****停在门口');
  });

  it('hides the resident’s name, names with a form of address, and names given as names', () => {
    expect(mask('张建华反映：楼下王阿姨家漏水，李先生也知道。', ['张建华'])).toBe(
      '某某反映：楼下某阿姨家漏水，某先生也知道。',
    );
    expect(mask('我叫刘德明，姓名：陈小红')).toBe('我叫某某，姓名：某某');
  });

  it('keeps what the public may read and cuts it short', () => {
    expect(mask('路灯坏了两个星期，晚上出行不便。')).toBe('路灯坏了两个星期，晚上出行不便。');
    expect(publicText('路灯坏了两个星期，晚上出行很不方便，希望尽快修复。', { max: 10 })).toBe(
      '路灯坏了两个星期，…',
    );
  });
});
