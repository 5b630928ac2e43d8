/** How a mobile number as typed is read (shared/domain/phone.ts), the same on the call screen and in calls.newPhone. */
import { describe, expect, it } from 'vitest';
import { normalizeMobile } from '../../shared/domain/phone';

describe('normalizeMobile', () => {
  it('keeps the 11 digits of a mainland mobile typed with spaces, dashes, dots or brackets', () => {
    expect(normalizeMobile('13912345678')).toBe('13912345678');
    expect(normalizeMobile(' 142 4551 8283 ')).toBe('14245518283');
    expect(normalizeMobile('139-1234-5678')).toBe('13912345678');
    expect(normalizeMobile('139.1234.5678')).toBe('13912345678');
    expect(normalizeMobile('(139)12345678')).toBe('13912345678');
    expect(normalizeMobile('139（1234）5678')).toBe('13912345678');
  });

  it('reads full-width digits and drops +86 or 0086', () => {
    expect(normalizeMobile('１３９１２３４５６７８')).toBe('13912345678');
    expect(normalizeMobile('+86 139 1234 5678')).toBe('13912345678');
    expect(normalizeMobile('0086-13912345678')).toBe('13912345678');
    expect(normalizeMobile('+86 １３９（１２３４）５６７８')).toBe('13912345678');
  });

  it('refuses what is not a mainland mobile', () => {
    expect(normalizeMobile('010-12345678')).toBeNull();
    expect(normalizeMobile('12912345678')).toBeNull();
    expect(normalizeMobile('1391234567')).toBeNull();
    expect(normalizeMobile('139123456789')).toBeNull();
    expect(normalizeMobile('')).toBeNull();
    expect(normalizeMobile('+85213912345678')).toBeNull();
  });
});
