/** The `outcomes` namespace: the call outcomes (shared vocabulary). zh is the default language; en has the same keys. */
import type { Widen } from '../widen';

export const zh = {
  completed: '核实完成',
  completed_with_discrepancy: '核实异常',
  callback_requested: '本人改约',
  wrong_person: '非本人接听',
  no_answer: '无人接听',
  busy: '忙线',
  powered_off: '关机/停机',
  invalid_number: '空号/错号',
  refused: '拒绝配合',
} as const;

export const en: Widen<typeof zh> = {
  completed: 'Verified',
  completed_with_discrepancy: 'Verified with discrepancy',
  callback_requested: 'Callback requested',
  wrong_person: 'Wrong person answered',
  no_answer: 'No answer',
  busy: 'Busy',
  powered_off: 'Switched off / suspended',
  invalid_number: 'Invalid number',
  refused: 'Refused',
};
