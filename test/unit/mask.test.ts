import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskName, maskPhone, scrubPiiText } from '../../shared/domain/mask';

describe('display masks', () => {
  it('keeps the first 6 and last 4 of an ID number', () => {
    expect(maskIdNumber('110105194912311234')).toBe('110105********1234');
  });
  it('keeps the first 3 and last 4 of a phone number', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
  });
  it('keeps the surname, compound surnames whole', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('王小明')).toBe('王**');
    expect(maskName('欧阳娜娜')).toBe('欧阳**');
    expect(maskName('欧阳')).toBe('欧*');
  });
});

describe('numbers in free text', () => {
  it.each([
    ['电话13812345678', '电话138****5678'],
    ['电话 138 1234 5678 打了 2 次', '电话 138****5678 打了 2 次'],
    ['138-1234-5678', '138****5678'],
    ['138.1234.5678', '138****5678'],
    ['+8613812345678', '138****5678'],
    ['+86 138 1234 5678', '138****5678'],
    ['8613912345678', '139****5678'],
    ['008613912345678', '139****5678'],
    ['手机１３８１２３４５６７８', '手机138****5678'],
    ['身份证 33010219900101388X', '身份证 330102********388X'],
    ['身份证 330102 19900101 3880', '身份证 330102********3880'],
    ['身份证 330102-19900101-3880', '身份证 330102********3880'],
    ['卡号 6222021234567890123', '卡号 6222***********0123'],
    ['卡号 6222 0212 3456 7890 123', '卡号 6222***********0123'],
    ['卡号 6222-0212-3456-7890', '卡号 6222********7890'],
  ])('%s', (text, masked) => {
    expect(scrubPiiText(text)).toBe(masked);
  });

  it.each([
    '贷款编号 DK2026000001，金额 1,234,567.89 元',
    '2026-11-20 14:30 回电，期限 360 个月，月供 5432.10',
    '第 3 次拨打，房号 12-3-1502',
    '合同号 HT20261120001234567',
  ])('leaves other numbers alone: %s', (text) => {
    expect(scrubPiiText(text)).toBe(text);
  });
});
