/**
 * Issue 16 item 2, masker holes found in review (each written as the note an officer would type):
 *  - two mobiles written 3-4-4 one after the other read as one 18-digit ID, leaving 8 digits of
 *    the second in clear (138 0013 8000 139 0013 9000 → 138001********0013 9000);
 *  - an ID whose check character X is written apart (330102 19870322 139 X) read as a mobile,
 *    leaving the region code and most of the birth date in clear.
 */
import { describe, expect, it } from 'vitest';
import { scrubPiiText } from '../../shared/domain/mask';

const digits = (s: string) => s.replace(/\D/g, '');

describe('numbers in a row are each masked whole', () => {
  it.each([
    ['138 0013 8000 139 0013 9000', '138****8000 139****9000'],
    ['手机 138 0013 8000、139 0013 9000', '手机 138****8000、139****9000'],
    ['138-0013-8000 / 139-0013-9000', '138****8000 / 139****9000'],
    ['138 0013 8000 330102 19870322 1397', '138****8000 330102********1397'],
  ])('%s', (text, masked) => {
    expect(scrubPiiText(text)).toBe(masked);
  });

  it('an ID number is still read first when it is one', () => {
    expect(scrubPiiText('330102 19870322 1397 138 0013 8000')).toBe('330102********1397 138****8000');
    expect(scrubPiiText('330102198703221397')).toBe('330102********1397');
  });
});

describe('an ID number whose X is written apart', () => {
  it.each(['330102 19870322 139 X', '330102-1987-0322-139-X', '330102 1987 0322 139 x号', '33010219870322139 Ｘ'])(
    '%s',
    (text) => {
      const out = scrubPiiText(text);
      expect(out).toContain('330102********139X');
      expect(digits(out)).not.toContain('0322');
    },
  );

  it('an X starting a word is not taken for the check character', () => {
    expect(scrubPiiText('33010219870322139 Xu')).not.toContain('X***');
    expect(digits(scrubPiiText('33010219870322139 Xu'))).not.toContain('19870322');
  });
});

describe('a long chain of digit groups', () => {
  it('is read without deep recursion and in linear time', () => {
    const text = '1 '.repeat(100_000);
    const t0 = performance.now();
    expect(digits(scrubPiiText(text)).length).toBeLessThan(100_000);
    expect(performance.now() - t0).toBeLessThan(5_000);
  });
});

describe('ordinary notes with dates written with 月/日 stay readable', () => {
  it.each([
    // An amount then a date: read as one 13-digit account (3000*****6315日).
    '首付款300000元已于2026年3月15日支付',
    // A date without the year and a time range: read as an account (1123****1500).
    '约定11月23日 14:00-15:00 再联系',
    // A repayment schedule: read as a mobile (152****5556月5日).
    '还款日 1月5日 2月5日 3月5日 4月5日 5月5日 6月5日',
  ])('%s', (text) => {
    expect(scrubPiiText(text)).toBe(text);
  });

  it('a number next to such a date is still masked', () => {
    expect(scrubPiiText('3月15日 13800138000')).toBe('3月15日 138****8000');
    expect(scrubPiiText('卡号6222021234567890123，2026年3月15日开卡')).toBe(
      '卡号6222***********0123，2026年3月15日开卡',
    );
    expect(scrubPiiText('2026年3月15日 330102 19870322 1397')).toBe('2026年3月15日 330102********1397');
  });
});

describe('time stamps in file names and audit details stay readable', () => {
  it.each([
    // A restore's kept copy: its digits spell a mobile (19020000000) and were masked as one.
    'branch.db.before-restore-2026-11-19T02-00-00-000Z',
    // A backup's name: date and HHMMSS read as a 14-digit account.
    'callback-desk-2026-11-20-100000.db',
    '2026-11-20T02:00:00.000Z',
  ])('%s', (text) => {
    expect(scrubPiiText(text)).toBe(text);
  });

  it('a number written after such a stamp is still masked', () => {
    expect(scrubPiiText('2026-11-20T02-00-00-000Z 138 0013 8000')).toBe('2026-11-20T02-00-00-000Z 138****8000');
  });
});
