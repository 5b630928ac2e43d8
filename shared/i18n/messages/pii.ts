/** The `pii` namespace: revealing a full ID or phone number, with a reason (audited). zh is the default language; en has the same keys. */
import type { Widen } from '../widen';

export const zh = {
  reveal: {
    showPhone: '查看完整号码',
    showId: '查看完整身份证号',
    hide: '隐藏完整号码',
    titlePhone: '查看完整手机号',
    titleId: '查看完整身份证号',
    hint: '查看将记入审计日志（查看人、时间、原因）。完整号码 60 秒后自动隐藏。',
    quickLabel: '常用原因',
    quick: { call: '拨打电话', identity: '核对身份', review: '复核档案资料', customer: '应客户要求核对' },
    reason: '查看原因',
    reasonPlaceholder: '选择常用原因或填写（2–200 字）',
    reasonLength: '查看原因需 2–200 个字',
    submit: '查看',
    autoHide: '60 秒后自动隐藏',
  },
} as const;

export const en: Widen<typeof zh> = {
  reveal: {
    showPhone: 'Show full number',
    showId: 'Show full ID number',
    hide: 'Hide full number',
    titlePhone: 'Show full phone number',
    titleId: 'Show full ID number',
    hint: 'Viewing is written to the audit log (who, when, why). The full number hides itself after 60 seconds.',
    quickLabel: 'Common reasons',
    quick: {
      call: 'Place a call',
      identity: 'Verify identity',
      review: 'Review the loan file',
      customer: 'Customer asked to check',
    },
    reason: 'Reason for viewing',
    reasonPlaceholder: 'Pick a common reason or type one (2–200 characters)',
    reasonLength: 'The reason needs 2–200 characters',
    submit: 'Show',
    autoHide: 'Hides after 60 seconds',
  },
};
