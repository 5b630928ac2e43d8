/**
 * 回访通话 (the call screen, `#/call/:taskId`): before dialling it shows the attempt gate and
 * offers to resume an unfinished draft; during the call it shows the loan panel, the script,
 * the checklist and the outcome panel side by side with a timer. Every change is saved to the
 * draft at once, so a crash or a killed process loses nothing.
 */
import { isActiveStatus } from '../../../../shared/domain/taskRules';
import { zodResolver } from '@hookform/resolvers/zod';
import { App, Alert, Button, Result, Space, Spin, Tag, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import {
  anyMismatch,
  recordOutcome,
  scriptPartiesOf,
  type DraftState,
  type ItemResult,
  type Outcome,
} from '../../../../shared/domain/calls';
import { checklistOf, expandStep } from '../../../../shared/scripts/schema';
import { shownError, useChannel, useChannelMutation } from '../../app/query';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useFormats } from '../../ui/format';
import { ChecklistPane, checklistFormSchema, EMPTY_ENTRY, type ChecklistForm } from './ChecklistPane';
import { LoanPanel } from './LoanPanel';
import { NewPhoneField } from './NewPhoneField';
import { choiceOf, OutcomePanel, type OutcomeChoice } from './OutcomePanel';
import { ScriptPane } from './ScriptPane';
import { useDraftSaver } from './useDraftSaver';
import { tError } from '../../i18n/messages';

function useTimer(startedAt: string | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!startedAt) return;
    const id = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(id);
  }, [startedAt]);
  return startedAt ? Math.max(0, Math.floor((now - Date.parse(startedAt)) / 1000)) : 0;
}

export function CallPage() {
  const { taskId: raw } = useParams();
  const taskId = Number(raw);
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const f = useFormats();
  const [state, setState] = useState<DraftState | null>(null);
  const [startedAt, setStartedAt] = useState<string | null>(null);
  const stateRef = useRef<DraftState | null>(null);
  const saver = useDraftSaver(taskId);
  const elapsed = useTimer(startedAt);

  // A state a lock kept from the draft is saved first, so the draft offered for resuming has it.
  const flush = saver.flush;
  const [flushed, setFlushed] = useState<number | null>(null);
  useEffect(() => {
    let live = true;
    void flush().then(() => live && setFlushed(taskId));
    return () => {
      live = false;
    };
  }, [taskId, flush]);
  // Read afresh on every visit (the gate and the draft offered must be the main side's current ones);
  // a finished attempt reloads it through the mutations' `invalidates`.
  const opened = useChannel('calls.open', { taskId }, { enabled: flushed === taskId, fresh: true });
  const view = opened.data ?? null;
  const error = shownError(opened.error);

  // What ends the attempt changes the task everywhere it shows; a start or a new phone changes
  // nothing on this screen (reloading the view would disturb the call in progress).
  const ended = { invalidates: ['calls.open', 'tasks', 'workbench', 'loans.file'] } as const;
  const startCall = useChannelMutation('calls.start');
  const discardCall = useChannelMutation('calls.discard', ended);
  const finalizeCall = useChannelMutation('calls.finalize', ended);
  const recordAttempt = useChannelMutation('calls.recordAttempt', ended);
  const busy = startCall.isPending || discardCall.isPending || finalizeCall.isPending || recordAttempt.isPending;

  const script = view?.script?.definition ?? null;
  const parties = useMemo(() => scriptPartiesOf(view?.parties ?? []), [view]);
  const lines = useMemo(() => (script ? checklistOf(script, parties) : []), [script, parties]);
  const schema = useMemo(() => checklistFormSchema(lines), [lines]);
  const form = useForm<ChecklistForm>({ resolver: zodResolver(schema), defaultValues: { items: {} } });

  /** Replace the state and save it as the draft. */
  const save = saver.save;
  const update = useCallback(
    (next: DraftState) => {
      stateRef.current = next;
      setState(next);
      save(next);
    },
    [save],
  );

  // Checklist edits flow into the draft.
  useEffect(() => {
    return form.subscribe({
      formState: { values: true },
      callback: ({ values }) => {
        const cur = stateRef.current;
        const items = (values.items ?? {}) as DraftState['items'];
        // Only real edits become draft saves (subscribing and resets echo the same values).
        if (!cur || JSON.stringify(cur.items) === JSON.stringify(items)) return;
        update({ ...cur, items });
      },
    });
  }, [form, update]);

  const begin = (s: DraftState, at: string) => {
    stateRef.current = s;
    setState(s);
    setStartedAt(at);
    const items: Record<string, DraftState['items'][string]> = {};
    for (const l of lines) items[l.key] = s.items[l.key] ?? EMPTY_ENTRY;
    form.reset({ items });
  };

  const freshState = (): DraftState => {
    const first = script ? expandStep(script, script.start, parties)[0] : undefined;
    return {
      stepId: first?.id ?? '',
      history: [],
      answers: {},
      reads: {},
      items: Object.fromEntries(lines.map((l) => [l.key, EMPTY_ENTRY])),
      outcome: null,
      bookedAt: null,
      note: '',
    };
  };

  /** Run a write; what it refused shows as a message (a session problem brings the lock or login screen instead). */
  const act = async (fn: () => Promise<void>) => {
    try {
      await fn();
    } catch (e) {
      const err = shownError(e);
      if (err) message.error(tError(t, err));
    }
  };

  const start = () =>
    act(async () => {
      const r = await startCall.mutateAsync({ taskId });
      const s = freshState();
      begin(s, r.startedAt);
      saver.save(s);
    });
  const resume = () => {
    if (!view?.draft) return;
    begin(view.draft.state ?? freshState(), view.draft.startedAt);
  };
  const discard = () =>
    act(async () => {
      await discardCall.mutateAsync({ taskId });
      finish();
    });

  /** The attempt is over: back to the task's summary (gate, record), already reloaded by the write's `invalidates`. */
  const finish = () => {
    stateRef.current = null;
    setState(null);
    setStartedAt(null);
  };

  const onAnswer = (key: string, _item: string, stated: string, result: ItemResult | undefined) => {
    form.setValue(`items.${key}.stated`, stated, { shouldDirty: true });
    if (result) form.setValue(`items.${key}.result`, result, { shouldDirty: true, shouldValidate: true });
  };
  const onEnd = (outcome: Outcome) => {
    const cur = stateRef.current;
    if (cur) update({ ...cur, outcome });
    window.setTimeout(() => document.querySelector<HTMLElement>('[data-testid="outcome-panel"] input')?.focus(), 0);
  };

  const items = form.watch('items');
  const hasMismatch = anyMismatch(items ?? {}, lines);

  const submit = () => {
    const cur = stateRef.current;
    if (!cur || !view) return;
    const choice = choiceOf(cur.outcome);
    if (!choice) return;
    if (choice === 'record') {
      void form.handleSubmit(
        (values) => {
          const outcome = recordOutcome(values.items, lines);
          const finalState = { ...cur, items: values.items, outcome };
          modal.confirm({
            title: t('calls.confirmFinalize', { outcome: t(`outcomes.${outcome}`) }),
            content: hasMismatch ? t('calls.confirmMismatch') : t('calls.confirmImmutable'),
            okText: t('calls.confirmOk'),
            cancelText: t('calls.confirmCancel'),
            onOk: () =>
              act(async () => {
                const r = await finalizeCall.mutateAsync({ taskId, state: finalState });
                message.success(t('calls.finalized', { outcome: t(`outcomes.${r.outcome}`), flags: r.flags }));
                finish();
              }),
          });
        },
        () => {
          message.warning(t('calls.checklistIncomplete'));
          window.setTimeout(
            () => document.querySelector<HTMLElement>('.cbd-call-checklist .cbd-field-error')?.scrollIntoView(),
            0,
          );
        },
      )();
      return;
    }
    const outcome = choice;
    const rule = view.rules.outcomes[outcome];
    const send = () =>
      act(async () => {
        const r = await recordAttempt.mutateAsync({
          taskId,
          outcome,
          note: cur.note || undefined,
          bookedAt: outcome === 'callback_requested' ? cur.bookedAt : null,
        });
        message.success(t(`calls.attemptSaved.${r.status}`, { outcome: t(`outcomes.${outcome}`) }));
        finish();
      });
    if (rule.needsConfirmation || rule.final || rule.escalate)
      modal.confirm({
        title: t('calls.confirmOutcome', { outcome: t(`outcomes.${outcome}`) }),
        content: rule.escalate || rule.final ? t('calls.confirmEscalate') : undefined,
        okText: t('calls.confirmOk'),
        cancelText: t('calls.confirmCancel'),
        onOk: send,
      });
    else void send();
  };

  if (error && !view)
    return (
      <Result
        status="warning"
        title={tError(t, error)}
        extra={<Button onClick={() => void navigate('/tasks')}>{t('calls.backToQueue')}</Button>}
      />
    );
  if (!view) return <Spin aria-label={t('common.loading')} />;

  const active = isActiveStatus(view.task.status);
  const canCall = active && (view.task.mine || view.task.pool) && !view.draftByOther;
  const header = (
    <div className="cbd-call-header">
      <Space size={8} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('calls.title')}
        </Typography.Title>
        <Tag>{view.task.loanNo}</Tag>
        <Tag color="blue">{t(`taskTypes.${view.task.type}`)}</Tag>
        <Tag>{t(`taskStatuses.${view.task.status}`)}</Tag>
      </Space>
      <Space size={12}>
        {state && (
          <>
            <span className="cbd-call-timer" role="timer" aria-label={t('calls.timer')}>
              {f.duration(elapsed)}
            </span>
            <Typography.Text type={saver.error ? 'danger' : 'secondary'} data-testid="draft-status">
              {saver.error
                ? t('calls.saveFailed')
                : saver.pending
                  ? t('calls.saving')
                  : saver.savedAt
                    ? t('calls.savedAt', { time: f.time(saver.savedAt) })
                    : ''}
            </Typography.Text>
          </>
        )}
        <Button onClick={() => void navigate('/tasks')}>{t('calls.backToQueue')}</Button>
      </Space>
    </div>
  );

  if (!state) {
    const draft = view.draft;
    return (
      <div className="cbd-page">
        {header}
        <div className="cbd-call-body">
          <LoanPanel view={view} />
          <div className="cbd-call-before">
            {!active && <Alert type="info" showIcon title={t('calls.taskClosed')} />}
            {view.draftByOther && <Alert type="warning" showIcon title={t('errors.draftOtherUser')} />}
            {active && !view.task.mine && !view.task.pool && (
              <Alert type="warning" showIcon title={t('errors.taskNotYours')} />
            )}
            {draft && (
              <Alert
                type="warning"
                showIcon
                title={t('calls.resumeTitle')}
                description={t('calls.resumeText', {
                  started: f.dateTime(draft.startedAt),
                  saved: f.dateTime(draft.updatedAt),
                })}
                action={
                  <Space orientation="vertical">
                    <Button type="primary" autoFocus onClick={resume}>
                      {t('calls.resume')}
                    </Button>
                    <Button danger onClick={() => void discard()} loading={busy}>
                      {t('calls.discard')}
                    </Button>
                  </Space>
                }
              />
            )}
            {!draft && canCall && (
              <>
                {view.check.block && (
                  <Alert
                    type="error"
                    showIcon
                    title={t(`calls.block.${view.check.block}`, { days: view.rules.minDistinctDays })}
                  />
                )}
                {view.check.warnings.map((w) => (
                  <Alert
                    key={w}
                    type="warning"
                    showIcon
                    title={t(`calls.warning.${w}`, {
                      time: f.dateTime(view.check.retryAfter),
                      hours: view.rules.callingHours.map((h) => `${h.from}–${h.to}`).join('、'),
                    })}
                  />
                ))}
                <Button
                  type="primary"
                  size="large"
                  autoFocus
                  disabled={!view.check.allowed}
                  loading={busy}
                  onClick={() => void start()}
                >
                  {t('calls.start')}
                </Button>
              </>
            )}
            {view.records.length > 0 && (
              <Alert
                type="success"
                showIcon
                title={t('calls.recorded', {
                  version: view.records[view.records.length - 1]!.version,
                  outcome: t(`outcomes.${view.records[view.records.length - 1]!.outcome}`),
                })}
                action={
                  <Button href={`#/loans/${encodeURIComponent(view.task.loanNo)}`}>{t('calls.openLoanFile')}</Button>
                }
              />
            )}
          </div>
        </div>
      </div>
    );
  }

  return (
    <div className="cbd-page">
      {header}
      <ErrorAlert error={saver.error} />
      <div className="cbd-call-body">
        <LoanPanel view={view} />
        <div className="cbd-call-middle">
          {script && (
            <ScriptPane
              view={view}
              script={script}
              parties={parties}
              state={state}
              onState={update}
              onAnswer={onAnswer}
              onEnd={onEnd}
              disabled={busy}
            />
          )}
          <OutcomePanel
            choice={choiceOf(state.outcome)}
            onChoice={(c: OutcomeChoice) =>
              update({
                ...state,
                outcome: c === 'record' ? recordOutcome(items ?? {}, lines) : c,
              })
            }
            bookedAt={state.bookedAt}
            onBookedAt={(bookedAt) => update({ ...state, bookedAt })}
            note={state.note}
            onNote={(note) => update({ ...state, note })}
            onSubmit={submit}
            busy={busy}
            disabled={busy}
            hasMismatch={hasMismatch}
          />
          <NewPhoneField taskId={taskId} saved={view.newPhones} disabled={busy} />
          <Button size="small" type="link" danger onClick={() => void discard()} disabled={busy}>
            {t('calls.discardAttempt')}
          </Button>
        </div>
        <ChecklistPane view={view} lines={lines} form={form} disabled={busy} />
      </div>
    </div>
  );
}
