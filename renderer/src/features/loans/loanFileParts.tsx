/**
 * What the loan-file sections share: the one-line empty hint, table paging for long lists and the
 * colours of call outcomes (attempts and record versions).
 */
import { InfoCircleOutlined } from '@ant-design/icons';
import { Typography } from 'antd';
import type { Outcome } from '../../../../shared/domain/calls';

export const OUTCOME_COLOURS: Partial<Record<Outcome, string>> = {
  completed: 'green',
  completed_with_discrepancy: 'red',
  invalid_number: 'volcano',
  refused: 'volcano',
  callback_requested: 'blue',
};

/** Tables page only when they get long; the file is one scrolling page. */
export const pageOf = (n: number) =>
  n > 10 ? { pageSize: 10, size: 'small' as const, showSizeChanger: false } : false;

/** An empty section in one line: what is missing and what to do next. */
export function EmptyHint({ text }: { text: string }) {
  return (
    <Typography.Text type="secondary" className="cbd-empty-hint">
      <InfoCircleOutlined aria-hidden /> {text}
    </Typography.Text>
  );
}
