import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskName, maskPhone } from '../../shared/domain/mask';

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
