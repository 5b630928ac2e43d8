import { describe, expect, it } from 'vitest';
import { checkIdNumber, idCheckChar } from '../../shared/domain/idNumber';
import { isMobile } from '../../shared/domain/phone';

const TODAY = '2026-11-23';

describe('resident ID numbers (GB 11643-1999)', () => {
  it('computes the check character from the weights and the 1 0 X 9 … table', () => {
    // Published example: 11010519491231002X
    expect(idCheckChar('11010519491231002')).toBe('X');
    expect(idCheckChar('44052418800101001')).toBe('4');
  });

  it('accepts valid numbers, lower-case x included', () => {
    expect(checkIdNumber('11010519491231002X', TODAY)).toBeNull();
    expect(checkIdNumber('11010519491231002x', TODAY)).toBeNull();
    expect(checkIdNumber('440524188001010014', TODAY)).toBeNull();
  });

  it('says which rule a bad number breaks', () => {
    expect(checkIdNumber('110105194912310021', TODAY)).toBe('check_digit');
    expect(checkIdNumber('11010519491231002', TODAY)).toBe('format');
    expect(checkIdNumber('1101051949123100AX', TODAY)).toBe('format');
    const feb30 = '11010519490230002';
    expect(checkIdNumber(feb30 + idCheckChar(feb30), TODAY)).toBe('birth_date');
    const future = '11010520301231002';
    expect(checkIdNumber(future + idCheckChar(future), TODAY)).toBe('birth_date');
  });
});

describe('mobile numbers', () => {
  it('accepts 1[3-9] followed by 9 digits only', () => {
    expect(isMobile('13812345678')).toBe(true);
    expect(isMobile('19912345678')).toBe(true);
    expect(isMobile('12812345678')).toBe(false);
    expect(isMobile('1381234567')).toBe(false);
    expect(isMobile('138123456789')).toBe(false);
  });
});
