/**
 * The outcome panel (wrap-up): pick how the attempt ended — digit keys 1–8 work here only, and
 * never while an input method is composing or while typing in a field — add a note or the
 * booked time, and submit. Final and negative outcomes ask for confirmation first.
 */
import { shanghaiDateTime, shanghaiInstant } from '../../../../shared/domain/shanghai';
import { Button, Input, Radio, Typography } from 'antd';
import { useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { OUTCOMES, RECORD_OUTCOMES, type Outcome } from '../../../../shared/domain/calls';

/** The choices in the panel: `record` submits the checklist (核实完成, or 核实异常 with a mismatch). */
export type OutcomeChoice = 'record' | Exclude<Outcome, 'completed' | 'completed_with_discrepancy'>;
export const OUTCOME_CHOICES: readonly OutcomeChoice[] = [
  'record',
  ...OUTCOMES.filter((o): o is Exclude<OutcomeChoice, 'record'> => !RECORD_OUTCOMES.includes(o)),
];

export const choiceOf = (o: Outcome | null): OutcomeChoice | null =>
  o === null ? null : o === 'completed' || o === 'completed_with_discrepancy' ? 'record' : o;

export function OutcomePanel(props: {
  choice: OutcomeChoice | null;
  onChoice(c: OutcomeChoice): void;
  bookedAt: string | null;
  onBookedAt(iso: string | null): void;
  note: string;
  onNote(n: string): void;
  onSubmit(): void;
  busy: boolean;
  disabled: boolean;
  hasMismatch: boolean;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.nativeEvent.isComposing || e.key === 'Process' || props.disabled) return;
    const target = e.target as HTMLElement;
    const typing =
      target instanceof HTMLTextAreaElement || (target instanceof HTMLInputElement && target.type !== 'radio');
    if (typing || e.ctrlKey || e.metaKey || e.altKey) return;
    const n = Number(e.key);
    if (Number.isInteger(n) && n >= 1 && n <= OUTCOME_CHOICES.length) {
      e.preventDefault();
      props.onChoice(OUTCOME_CHOICES[n - 1]!);
    }
  };
  // datetime-local works in local wall time; the booked instant is stored in UTC.
  const localValue = props.bookedAt ? toLocalInput(props.bookedAt) : '';
  return (
    <section
      className="cbd-call-outcome"
      aria-label={t('calls.outcomePane')}
      ref={ref}
      onKeyDown={onKeyDown}
      data-testid="outcome-panel"
    >
      <div className="cbd-call-pane-head">
        <Typography.Text strong>{t('calls.outcome')}</Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('calls.digitsHint')}
        </Typography.Text>
      </div>
      <Radio.Group
        aria-label={t('calls.outcome')}
        value={props.choice}
        disabled={props.disabled}
        onChange={(e) => props.onChoice(e.target.value as OutcomeChoice)}
        className="cbd-call-outcomes"
      >
        {OUTCOME_CHOICES.map((c, i) => (
          <Radio key={c} value={c}>
            <span className="cbd-key">{i + 1}</span>
            {c === 'record'
              ? props.hasMismatch
                ? t('outcomes.completed_with_discrepancy')
                : t('outcomes.completed')
              : t(`outcomes.${c}`)}
          </Radio>
        ))}
      </Radio.Group>
      {props.choice === 'callback_requested' && (
        <label className="cbd-call-booked">
          <span>{t('calls.bookedAt')}</span>
          <Input
            type="datetime-local"
            aria-label={t('calls.bookedAt')}
            value={localValue}
            disabled={props.disabled}
            onChange={(e) => props.onBookedAt(e.target.value ? fromShanghaiInput(e.target.value) : null)}
            style={{ width: 230 }}
          />
        </label>
      )}
      <Input.TextArea
        aria-label={t('calls.attemptNote')}
        placeholder={t('calls.attemptNote')}
        value={props.note}
        disabled={props.disabled}
        maxLength={2000}
        autoSize={{ minRows: 1, maxRows: 3 }}
        onChange={(e) => props.onNote(e.target.value)}
      />
      <Button
        type="primary"
        block
        loading={props.busy}
        disabled={props.disabled || props.choice === null}
        onClick={props.onSubmit}
      >
        {props.choice === 'record' ? t('calls.finalize') : t('calls.endAttempt')}
      </Button>
    </section>
  );
}

/**
 * The booked time is Shanghai wall time whatever zone the workstation's clock is set to (the
 * calling hours and the queue are Shanghai's); `datetime-local` has no zone of its own.
 */
function toLocalInput(iso: string): string {
  return shanghaiDateTime(Date.parse(iso)).replace(' ', 'T');
}

function fromShanghaiInput(value: string): string {
  return shanghaiInstant(value.slice(0, 10), value.slice(11, 16)).toISOString();
}
