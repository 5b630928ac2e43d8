/** recovery.* channels of the open app: the database opened, so there is nothing to recover (recovery mode's own table is in runtime.ts). */
import { AppError } from '../../../shared/result';
import type { SliceHandlers } from '../handlerTypes';

const notInRecovery = (): never => {
  throw new AppError('conflict', 'errors.notInRecovery');
};

export const recoveryHandlers = {
  'recovery.status': notInRecovery,
  'recovery.restore': notInRecovery,
} satisfies SliceHandlers<'recovery'>;
