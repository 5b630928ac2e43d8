/**
 * Asia/Shanghai time, the product's one zone: every date (YYYY-MM-DD) and wall time is Shanghai's,
 * every instant ISO-8601 UTC. A fixed +08:00 offset rather than time-zone data: China has kept no
 * daylight saving since 1991, so the offset is exact for every date the product handles, needs no
 * tz database, and Node and Chromium agree on it byte for byte (test/unit/shanghai.test.ts).
 */
export const SHANGHAI_TZ = 'Asia/Shanghai';
const OFFSET = '+08:00';
const OFFSET_MS = 8 * 3_600_000;

/** The Shanghai calendar date of an instant. */
export function shanghaiDate(at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** Minutes after Shanghai midnight of an instant (0–1439). */
export function shanghaiMinutes(at: Date): number {
  const wall = new Date(at.getTime() + OFFSET_MS);
  return wall.getUTCHours() * 60 + wall.getUTCMinutes();
}

/** `YYYY-MM-DD HH:mm` in Shanghai of an instant given in milliseconds. */
export function shanghaiDateTime(ms: number): string {
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** The instant of a Shanghai wall time (`HH:mm`, default midnight) on a date. */
export function shanghaiInstant(day: string, time = '00:00'): Date {
  return new Date(`${day}T${time}:00${OFFSET}`);
}
