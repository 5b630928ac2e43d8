/** The queue's two manager dialogs: reassign everything of one officer, and a special-event callback on one loan. */
import { zodResolver } from '@hookform/resolvers/zod';
import { Input, Modal, Select, Space } from 'antd';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { contract, type ChannelInput } from '../../../../shared/contract';
import {
  EVENT_KINDS,
  eventTaskInputSchema,
  type EventKind,
  type EventTaskInput,
} from '../../../../shared/domain/taskRules';
import { shownError, useChannelMutation } from '../../app/query';
import { ErrorAlert } from '../../ui/ErrorAlert';

/** What a task change may alter: the queue, its tab counts and the workbench's counts. */
export const TASKS_CHANGED = { invalidates: ['tasks', 'workbench'] };

/** Everything open of one officer (on leave) goes to a colleague or back to the pool. */
const reassignSchema = contract['tasks.reassignAll'].input;
type ReassignValues = ChannelInput<'tasks.reassignAll'>;
const POOL = '__pool__';

export function ReassignAllModal(props: {
  officers: { username: string; displayName: string }[];
  onClose(): void;
  onOk(v: ReassignValues): void;
}) {
  const { t } = useTranslation();
  // No defaults: both fields start empty, and the button waits for both.
  const { control, handleSubmit, formState } = useForm<ReassignValues>({
    resolver: zodResolver(reassignSchema),
    mode: 'onChange',
  });
  const from = useWatch({ control, name: 'from' });
  return (
    <Modal
      open
      title={t('tasks.reassignAll')}
      okText={t('tasks.reassignOk')}
      okButtonProps={{ disabled: !formState.isValid }}
      onCancel={props.onClose}
      onOk={() => void handleSubmit(props.onOk)()}
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Controller
          name="from"
          control={control}
          render={({ field }) => (
            <Select
              aria-label={t('tasks.reassignFrom')}
              placeholder={t('tasks.reassignFrom')}
              style={{ width: '100%' }}
              value={field.value}
              onChange={(v: string) => field.onChange(v)}
              options={props.officers.map((o) => ({ value: o.username, label: o.displayName }))}
            />
          )}
        />
        <Controller
          name="to"
          control={control}
          render={({ field }) => (
            <Select
              aria-label={t('tasks.reassignTo')}
              placeholder={t('tasks.reassignTo')}
              style={{ width: '100%' }}
              value={field.value === null ? POOL : field.value}
              onChange={(v: string) => field.onChange(v === POOL ? null : v)}
              options={[
                { value: POOL, label: t('tasks.toPool') },
                ...props.officers
                  .filter((o) => o.username !== from)
                  .map((o) => ({ value: o.username, label: o.displayName })),
              ]}
            />
          )}
        />
      </Space>
    </Modal>
  );
}

/**
 * The event-task form: its fields as typed, then the schema the main side checks with (an empty
 * due date means "the default"), so the button is enabled exactly when the input is valid.
 */
const eventFormSchema = z
  .object({ loanNo: z.string(), kind: z.enum(EVENT_KINDS), reason: z.string(), dueBy: z.string() })
  .transform(({ dueBy, ...v }) => (dueBy ? { ...v, dueBy } : v))
  .pipe(eventTaskInputSchema);
type EventFormValues = z.input<typeof eventFormSchema>;

/** A manager asks for a callback on one loan, with the reason (收入变化 / 工作变动 / 逾期 / 其他). */
export function EventTaskModal(props: { onClose(): void; onCreated(): void }) {
  const { t } = useTranslation();
  const create = useChannelMutation('tasks.createEvent', TASKS_CHANGED);
  const { control, handleSubmit, formState } = useForm<EventFormValues, unknown, EventTaskInput>({
    resolver: zodResolver(eventFormSchema),
    mode: 'onChange',
    defaultValues: { loanNo: '', kind: 'income_change', reason: '', dueBy: '' },
  });
  const submit = handleSubmit(async (input) => {
    try {
      await create.mutateAsync(input);
      props.onCreated();
    } catch {
      // Shown below from the mutation's error (a session problem brings the lock/login screen instead).
    }
  });
  return (
    <Modal
      open
      title={t('tasks.newEvent')}
      okText={t('tasks.eventCreate')}
      okButtonProps={{ disabled: !formState.isValid, loading: create.isPending }}
      onCancel={props.onClose}
      onOk={() => void submit()}
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <ErrorAlert error={shownError(create.error)} />
        <label htmlFor="event-loan">{t('tasks.eventLoanNo')}</label>
        <Controller name="loanNo" control={control} render={({ field }) => <Input id="event-loan" {...field} />} />
        <label htmlFor="event-kind">{t('tasks.eventKind')}</label>
        <Controller
          name="kind"
          control={control}
          render={({ field }) => (
            <Select
              id="event-kind"
              aria-label={t('tasks.eventKind')}
              value={field.value}
              onChange={(v: EventKind) => field.onChange(v)}
              options={EVENT_KINDS.map((k) => ({ value: k, label: t(`tasks.eventKinds.${k}`) }))}
            />
          )}
        />
        <label htmlFor="event-reason">{t('tasks.eventReason')}</label>
        <Controller
          name="reason"
          control={control}
          render={({ field }) => <Input.TextArea id="event-reason" rows={3} maxLength={200} {...field} />}
        />
        <label htmlFor="event-due">{t('tasks.eventDueBy')}</label>
        <Controller
          name="dueBy"
          control={control}
          render={({ field }) => <Input id="event-due" type="date" {...field} />}
        />
      </Space>
    </Modal>
  );
}
