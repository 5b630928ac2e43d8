/**
 * The script pane: the current step with merge fields filled, its input, progress, and Back /
 * Next. Enter moves on (never while an input method is composing); mandatory reads need a tick
 * that is timestamped; choices can branch or end the attempt with an outcome.
 */
import { Alert, Button, Checkbox, Input, InputNumber, Progress, Radio, Space, Tag, Typography } from 'antd';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallView } from '../../../../shared/contract/calls';
import type { DraftState, ItemKey, Outcome } from '../../../../shared/domain/calls';
import {
  checklistKey,
  findInstance,
  mergeText,
  nextInstance,
  type Script,
  type ScriptParty,
  type StepInstance,
} from '../../../../shared/scripts/schema';
import { useFormats } from '../../ui/format';
import { mergeFields, textIn } from './merge';

export interface ScriptPaneProps {
  view: CallView;
  script: Script;
  parties: ScriptParty[];
  state: DraftState;
  onState(next: DraftState): void;
  /** An answer fills the checklist line it is bound to. */
  onAnswer(key: string, item: ItemKey, stated: string, result: 'match' | 'mismatch' | 'unverifiable' | undefined): void;
  onEnd(outcome: Outcome): void;
  disabled: boolean;
}

export function ScriptPane({ view, script, parties, state, onState, onAnswer, onEnd, disabled }: ScriptPaneProps) {
  const { t, i18n } = useTranslation();
  const f = useFormats();
  const lang = i18n.language;
  const inst = findInstance(script, parties, state.stepId);
  const paneRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    // Focus the first control of a new step so the keyboard flow continues.
    // A step without a control focuses the step itself, so Enter still moves on.
    const el =
      paneRef.current?.querySelector<HTMLElement>(
        '[data-step-focus] input:checked, [data-step-focus] input, [data-step-focus] textarea',
      ) ?? paneRef.current?.querySelector<HTMLElement>('[data-step-focus]');
    el?.focus();
  }, [state.stepId]);

  if (!inst) return <Alert type="error" title={t('calls.stepMissing')} />;
  const step = inst.step;
  const fields = mergeFields(view, t, f, inst.partyId);
  const answer = state.answers[inst.id];
  const read = state.reads[step.id];
  const total = script.steps.filter((s) => s.kind !== 'end').length;
  const done = Math.min(state.history.length, total);

  const canNext =
    !disabled &&
    step.kind !== 'end' &&
    (step.kind === 'say'
      ? !step.mustRead || !!read
      : step.input.type !== 'choice' || (answer !== undefined && answer !== ''));

  const go = () => {
    if (!canNext) return;
    const next: StepInstance | null = nextInstance(script, parties, inst, answer);
    if (!next) return;
    onState({ ...state, stepId: next.id, history: [...state.history, inst.id] });
    if (next.step.kind === 'end') onEnd(next.step.outcome);
  };
  const back = () => {
    if (disabled || state.history.length === 0) return;
    const history = state.history.slice(0, -1);
    onState({ ...state, stepId: state.history[state.history.length - 1]!, history });
  };
  const setAnswer = (value: string | number) => {
    onState({ ...state, answers: { ...state.answers, [inst.id]: value } });
    if (step.kind !== 'ask') return;
    const key = checklistKey(step.item, inst.partyId);
    if (step.input.type === 'choice') {
      const opt = step.input.options.find((o) => o.value === value);
      if (opt) onAnswer(key, step.item, textIn(opt.label, lang), opt.result);
    } else onAnswer(key, step.item, String(value), undefined);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.nativeEvent.isComposing || e.key === 'Process') return;
    if (e.key === 'Enter' && !(e.target instanceof HTMLTextAreaElement) && !(e.target instanceof HTMLButtonElement)) {
      e.preventDefault();
      go();
    }
    if (e.key === 'ArrowLeft' && e.altKey) {
      e.preventDefault();
      back();
    }
  };

  const party = inst.partyId === null ? null : parties.find((p) => p.id === inst.partyId);
  return (
    <section className="cbd-call-script" aria-label={t('calls.scriptPane')} ref={paneRef} onKeyDown={onKeyDown}>
      <div className="cbd-call-pane-head">
        <Typography.Text strong>{textIn(script.title, lang)}</Typography.Text>
        <Progress
          percent={Math.round((done / Math.max(1, total)) * 100)}
          size="small"
          style={{ width: 140, margin: 0 }}
          aria-label={t('calls.progress')}
        />
      </div>
      <div className="cbd-call-step" data-step-focus tabIndex={-1}>
        <Space size={4} wrap style={{ marginBottom: 8 }}>
          {step.kind === 'ask' && <Tag color="blue">{t(`items.${step.item}`)}</Tag>}
          {party && <Tag>{`${t(`partyRoles.${party.role}`)} ${party.name}`}</Tag>}
          {step.kind === 'say' && step.mustRead && <Tag color="orange">{t('calls.mustRead')}</Tag>}
          {step.kind === 'end' && <Tag color="purple">{t(`outcomes.${step.outcome}`)}</Tag>}
        </Space>
        <Typography.Paragraph className="cbd-call-text" data-testid="script-text">
          {mergeText(textIn(step.text, lang), fields)}
        </Typography.Paragraph>
        {step.kind === 'ask' && step.hint && (
          <Typography.Paragraph type="secondary">{mergeText(textIn(step.hint, lang), fields)}</Typography.Paragraph>
        )}
        {step.kind === 'say' && step.mustRead && (
          <Checkbox
            checked={!!read}
            disabled={disabled}
            onChange={(e) => {
              const reads = { ...state.reads };
              if (e.target.checked) reads[step.id] = new Date().toISOString();
              else delete reads[step.id];
              onState({ ...state, reads });
            }}
          >
            {read ? t('calls.readAt', { time: f.time(read) }) : t('calls.tickRead')}
          </Checkbox>
        )}
        {step.kind === 'ask' && step.input.type === 'choice' && (
          <Radio.Group
            aria-label={t(`items.${step.item}`)}
            value={answer}
            disabled={disabled}
            onChange={(e) => setAnswer(e.target.value as string)}
            style={{ display: 'flex', flexDirection: 'column', gap: 6 }}
          >
            {step.input.options.map((o) => (
              <Radio key={o.value} value={o.value}>
                {mergeText(textIn(o.label, lang), fields)}
              </Radio>
            ))}
          </Radio.Group>
        )}
        {step.kind === 'ask' && step.input.type === 'text' && (
          <Input.TextArea
            aria-label={t('calls.answer')}
            value={typeof answer === 'string' ? answer : ''}
            disabled={disabled}
            autoSize={{ minRows: 2, maxRows: 4 }}
            maxLength={1000}
            onChange={(e) => setAnswer(e.target.value)}
          />
        )}
        {step.kind === 'ask' && step.input.type === 'number' && (
          <InputNumber
            aria-label={t('calls.answer')}
            value={typeof answer === 'number' ? answer : null}
            disabled={disabled}
            style={{ width: 220 }}
            suffix={step.input.unit ? textIn(step.input.unit, lang) : undefined}
            onChange={(v) => v !== null && setAnswer(Number(v))}
          />
        )}
        {step.kind === 'ask' && step.input.type === 'date' && (
          <Input
            type="date"
            aria-label={t('calls.answer')}
            value={typeof answer === 'string' ? answer : ''}
            disabled={disabled}
            style={{ width: 220 }}
            onChange={(e) => setAnswer(e.target.value)}
          />
        )}
        {step.kind === 'end' && <Alert type="info" showIcon title={t('calls.endReached')} />}
      </div>
      <div className="cbd-call-nav">
        <Button onClick={back} disabled={disabled || state.history.length === 0}>
          {t('calls.back')}
        </Button>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('calls.keysHint')}
        </Typography.Text>
        <Button type="primary" onClick={go} disabled={!canNext}>
          {t('calls.next')}
        </Button>
      </div>
    </section>
  );
}
