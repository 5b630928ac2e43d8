/** Time source for services, injectable so tests can move time forward. */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();

/** Today's date (YYYY-MM-DD) in Asia/Shanghai: the shared rule, re-exported for the services. */
export { shanghaiDate } from '../../shared/domain/workdays';
