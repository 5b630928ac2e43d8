/**
 * The branch's weekly metrics (domain reference §5) as cards: this week's value, its numerator and
 * denominator in words, last week's value and the change. "—" when a rate has nothing to divide by.
 */
import { ArrowDownOutlined, ArrowUpOutlined, InfoCircleOutlined } from '@ant-design/icons';
import { Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Metrics, Rate } from '../../../../shared/contract/reports';
import { useFormats } from '../../ui/format';
import { DASH, useReportFormats } from './reportFormat';

type Key =
  | 'completion'
  | 'onTime'
  | 'rightParty'
  | 'attemptsPerCompletion'
  | 'discrepancy'
  | 'overdue'
  | 'escalations'
  | 'averageHandle';

/** Whether a rise is good news (green), bad news (red) or neither (grey). */
const DIRECTION: Record<Key, 'up' | 'down' | 'neutral'> = {
  completion: 'up',
  onTime: 'up',
  rightParty: 'up',
  attemptsPerCompletion: 'down',
  discrepancy: 'neutral',
  overdue: 'down',
  escalations: 'neutral',
  averageHandle: 'neutral',
};

interface Card {
  key: Key;
  value: string;
  parts: string;
  last: string;
  /** Change against last week, in the card's unit; null when either week has no value. */
  delta: number | null;
  deltaText: string;
}

export function KpiCards(props: { thisWeek: Metrics; lastWeek: Metrics }) {
  const { t } = useTranslation();
  const f = useReportFormats();
  const { duration } = useFormats();
  const a = props.thisWeek;
  const b = props.lastWeek;
  const sign = (v: number) => (v > 0 ? '+' : v < 0 ? '−' : '±');
  const signed = (v: number, text: string) => `${sign(v)}${text}`;

  const rateCard = (key: Key, x: Rate, y: Rate): Card => {
    const delta = x.rate !== null && y.rate !== null ? Math.round((x.rate - y.rate) * 1000) / 10 : null;
    return {
      key,
      value: f.percent(x.rate),
      parts: t(`reports.parts.${key}`, { n: x.numerator, d: x.denominator }),
      last: f.percent(y.rate),
      delta,
      deltaText:
        delta === null ? '' : t('reports.deltaPoints', { sign: sign(delta), value: Math.abs(delta).toFixed(1) }),
    };
  };
  const countCard = (key: 'overdue' | 'escalations', x: number, y: number): Card => ({
    key,
    value: String(x),
    parts: t(`reports.parts.${key}`),
    last: String(y),
    delta: x - y,
    deltaText: signed(x - y, String(Math.abs(x - y))),
  });
  const apcDelta =
    a.attemptsPerCompletion.value !== null && b.attemptsPerCompletion.value !== null
      ? a.attemptsPerCompletion.value - b.attemptsPerCompletion.value
      : null;
  const ahtDelta =
    a.averageHandleSeconds !== null && b.averageHandleSeconds !== null
      ? Math.round(a.averageHandleSeconds - b.averageHandleSeconds)
      : null;

  const cards: Card[] = [
    rateCard('completion', a.completion, b.completion),
    rateCard('onTime', a.onTime, b.onTime),
    rateCard('rightParty', a.rightParty, b.rightParty),
    {
      key: 'attemptsPerCompletion',
      value: f.decimal(a.attemptsPerCompletion.value),
      parts: t('reports.parts.attemptsPerCompletion', {
        n: a.attemptsPerCompletion.attempts,
        d: a.attemptsPerCompletion.records,
      }),
      last: f.decimal(b.attemptsPerCompletion.value),
      delta: apcDelta,
      deltaText: apcDelta === null ? '' : signed(apcDelta, f.decimal(Math.abs(apcDelta))),
    },
    rateCard('discrepancy', a.discrepancy, b.discrepancy),
    countCard('overdue', a.overdue, b.overdue),
    countCard('escalations', a.escalations, b.escalations),
    {
      key: 'averageHandle',
      value: a.averageHandleSeconds === null ? DASH : duration(a.averageHandleSeconds),
      parts: t('reports.parts.averageHandle'),
      last: b.averageHandleSeconds === null ? DASH : duration(b.averageHandleSeconds),
      delta: ahtDelta,
      deltaText: ahtDelta === null ? '' : signed(ahtDelta, duration(Math.abs(ahtDelta))),
    },
  ];

  return (
    <ul className="cbd-kpis" aria-label={t('reports.title')}>
      {cards.map((c) => {
        const name = t(`reports.kpi.${c.key}`);
        // The export's 概览 sheet explains each metric in the same words.
        const definition = t(
          `reports.weekly.definitions.${c.key === 'averageHandle' ? 'averageHandleSeconds' : c.key}`,
        );
        const dir = DIRECTION[c.key];
        const tone =
          c.delta === null || c.delta === 0 || dir === 'neutral'
            ? 'neutral'
            : c.delta > 0 === (dir === 'up')
              ? 'good'
              : 'bad';
        return (
          <li key={c.key} className="cbd-kpi" data-testid={`kpi-${c.key}`}>
            <div className="cbd-kpi-name">
              <span>{name}</span>
              <Tooltip title={definition}>
                <InfoCircleOutlined
                  tabIndex={0}
                  role="img"
                  aria-label={`${t('reports.definition', { name })}: ${definition}`}
                  className="cbd-kpi-info"
                />
              </Tooltip>
            </div>
            <div className="cbd-kpi-value" data-testid={`kpi-${c.key}-value`}>
              {c.value}
            </div>
            <Typography.Text type="secondary" className="cbd-kpi-parts">
              {c.parts}
            </Typography.Text>
            <div className="cbd-kpi-last">
              <span>{t('reports.lastWeek', { value: c.last })}</span>
              {c.delta !== null && c.delta !== 0 && (
                <span className={`cbd-kpi-delta cbd-kpi-${tone}`}>
                  {c.delta > 0 ? <ArrowUpOutlined aria-hidden /> : <ArrowDownOutlined aria-hidden />}
                  {c.deltaText}
                </span>
              )}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
