/** The one time module: a fixed +08:00 that agrees with the time-zone database, at day, month and year edges. */
import { describe, expect, it } from 'vitest';
import {
  SHANGHAI_TZ,
  shanghaiDate,
  shanghaiDateTime,
  shanghaiInstant,
  shanghaiMinutes,
} from '../../shared/domain/shanghai';

const tz = new Intl.DateTimeFormat('en-CA', {
  timeZone: SHANGHAI_TZ,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const byTzData = (ms: number) => {
  const p = Object.fromEntries(tz.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
};

describe('Asia/Shanghai', () => {
  it('turns the date at 16:00 UTC', () => {
    expect(shanghaiDate(new Date('2026-12-03T15:59:59.999Z'))).toBe('2026-12-03');
    expect(shanghaiDate(new Date('2026-12-03T16:00:00Z'))).toBe('2026-12-04');
  });
  it('crosses a year end and a leap day', () => {
    expect(shanghaiDate(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
    expect(shanghaiDate(new Date('2028-02-28T16:30:00Z'))).toBe('2028-02-29');
    expect(shanghaiDate(new Date('2028-02-29T16:30:00Z'))).toBe('2028-03-01');
  });
  it('gives the instant of a wall time and back', () => {
    expect(shanghaiInstant('2026-10-01').toISOString()).toBe('2026-09-30T16:00:00.000Z');
    expect(shanghaiInstant('2026-10-01', '09:30').toISOString()).toBe('2026-10-01T01:30:00.000Z');
    const at = shanghaiInstant('2027-01-01', '00:05');
    expect(shanghaiDate(at)).toBe('2027-01-01');
    expect(shanghaiMinutes(at)).toBe(5);
    expect(shanghaiDateTime(at.getTime())).toBe('2027-01-01 00:05');
  });
  it('agrees with the time-zone database every 7 hours 13 minutes from 1992 to 2060', () => {
    const step = (7 * 60 + 13) * 60_000;
    for (let ms = Date.UTC(1992, 0, 1); ms < Date.UTC(2060, 0, 1); ms += step) {
      expect(shanghaiDateTime(ms)).toBe(byTzData(ms));
    }
  });
});
