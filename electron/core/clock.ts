/** Time source for services, injectable so tests can move time forward. */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();

/** Today's date (YYYY-MM-DD) in Asia/Shanghai. */
export function shanghaiDate(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
