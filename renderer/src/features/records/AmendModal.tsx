/**
 * 更正记录 dialog (react-hook-form + zod): every line of the current version editable (result,
 * stated, note) with the same completeness rule as finalize, a required reason; only the changed
 * lines go to `records.amend`, which writes the next version.
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { Input, Modal, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { LoanFile, RecordVersionShape } from '../../../../shared/contract';
import {
  entryChanged,
  ITEMS,
  itemResultSchema,
  lineProblem,
  type ItemKey,
  type ItemResult,
} from '../../../../shared/domain/calls';
import type { AppErrorShape } from '../../../../shared/result';
import { reasonSchema } from '../../../../shared/text';
import { shownError, useChannelMutation } from '../../app/query';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useItemResultOptions } from '../../ui/ItemResult';
import type { LoanFileLabels } from '../loans/loanFileLabels';
import { tMessage } from '../../i18n/messages';

type RecordGroup = LoanFile['records'][number];

const lineSchema = z.object({
  result: itemResultSchema.nullable(),
  stated: z.string().max(1000),
  note: z.string().max(1000),
});
type Line = z.infer<typeof lineSchema>;

export function AmendModal(props: {
  taskId: number;
  type: RecordGroup['type'];
  latest: RecordVersionShape;
  labels: LoanFileLabels;
  onCancel(): void;
  onAmended(version: number): void;
}) {
  const { t } = useTranslation();
  const { latest, labels } = props;
  const resultOptions = useItemResultOptions();
  // The file shows the new version once written: the loan file reloads on success.
  const amend = useChannelMutation('records.amend', { invalidates: ['loans.file'] });
  const [noChange, setNoChange] = useState<AppErrorShape | null>(null);
  const error = noChange ?? shownError(amend.error);
  const schema = useMemo(
    () =>
      z
        .object({
          lines: z.array(lineSchema),
          reason: reasonSchema(500, 'records.amendReasonLength'),
        })
        .superRefine((v, ctx) =>
          v.lines.forEach((l, i) => {
            const item = latest.items[i]?.item;
            if (!item || !(item in ITEMS)) return;
            const record = ITEMS[item as ItemKey].kind === 'record';
            const p = lineProblem(item as ItemKey, l);
            if (p === 'unanswered')
              ctx.addIssue({
                code: 'custom',
                path: ['lines', i, record ? 'stated' : 'result'],
                message: record ? 'records.statedRequired' : 'records.resultRequired',
              });
            else if (p === 'noteRequired')
              ctx.addIssue({ code: 'custom', path: ['lines', i, 'note'], message: 'records.noteRequired' });
          }),
        ),
    [latest],
  );
  const { control, handleSubmit, formState } = useForm({
    resolver: zodResolver(schema),
    defaultValues: {
      lines: latest.items.map((i) => ({ result: i.result, stated: i.stated, note: i.note })),
      reason: '',
    },
  });
  const lines = useWatch({ control, name: 'lines' });
  const submit = handleSubmit(async (v) => {
    setNoChange(null);
    amend.reset();
    const items: Record<string, Line> = {};
    v.lines.forEach((l, i) => {
      const was = latest.items[i]!;
      if (entryChanged(l, was)) items[was.key] = { result: l.result, stated: l.stated.trim(), note: l.note.trim() };
    });
    if (Object.keys(items).length === 0) {
      setNoChange({ code: 'invalid_input', message: 'errors.amendNoChange' });
      return;
    }
    try {
      const r = await amend.mutateAsync({
        taskId: props.taskId,
        expectedVersion: latest.version,
        items,
        reason: v.reason.trim(),
      });
      props.onAmended(r.version);
    } catch {
      // Shown from the mutation's error (a session problem brings the lock or login screen instead).
    }
  });
  type Row = RecordVersionShape['items'][number] & { index: number };
  const fieldError = (i: number, f: keyof Line) => formState.errors.lines?.[i]?.[f]?.message;
  const problem = (msg: string | undefined) =>
    msg ? (
      <Typography.Text type="danger" style={{ fontSize: 12 }}>
        {tMessage(t, msg)}
      </Typography.Text>
    ) : null;
  const columns: TableColumnsType<Row> = [
    {
      title: t('loans.file.item'),
      key: 'item',
      width: 190,
      render: (_: unknown, r) => (
        <span>
          {labels.item(r.item, r.partyId)}{' '}
          {lines?.[r.index] && entryChanged(lines[r.index]!, r) && <Tag color="gold">{t('records.changed')}</Tag>}
        </span>
      ),
    },
    {
      title: t('records.onFile'),
      key: 'onFile',
      width: 200,
      render: (_: unknown, r) =>
        r.onFile.map((o) => (
          <div key={o.field} style={{ fontSize: 12, wordBreak: 'break-all' }}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t(`onFileFields.${o.field}`, { defaultValue: o.field })}
              {t('loans.file.colon')}
            </Typography.Text>
            {labels.onFileValue(o.field, o.value)}
          </div>
        )),
    },
    {
      title: t('records.result'),
      key: 'result',
      width: 130,
      render: (_: unknown, r) =>
        r.item in ITEMS && ITEMS[r.item as ItemKey].kind === 'record' ? (
          '—'
        ) : (
          <>
            <Controller
              control={control}
              name={`lines.${r.index}.result`}
              render={({ field }) => (
                <Select
                  aria-label={t('records.resultLabel', { item: labels.item(r.item, r.partyId) })}
                  style={{ width: '100%' }}
                  value={field.value ?? undefined}
                  onChange={(val: ItemResult) => field.onChange(val)}
                  status={fieldError(r.index, 'result') ? 'error' : undefined}
                  options={resultOptions}
                />
              )}
            />
            {problem(fieldError(r.index, 'result'))}
          </>
        ),
    },
    {
      title: t('records.stated'),
      key: 'stated',
      width: 200,
      render: (_: unknown, r) => (
        <>
          <Controller
            control={control}
            name={`lines.${r.index}.stated`}
            render={({ field }) => (
              <Input
                aria-label={t('records.statedLabel', { item: labels.item(r.item, r.partyId) })}
                maxLength={1000}
                status={fieldError(r.index, 'stated') ? 'error' : undefined}
                {...field}
              />
            )}
          />
          {problem(fieldError(r.index, 'stated'))}
        </>
      ),
    },
    {
      title: t('records.itemNote'),
      key: 'note',
      render: (_: unknown, r) => (
        <>
          <Controller
            control={control}
            name={`lines.${r.index}.note`}
            render={({ field }) => (
              <Input
                aria-label={t('records.noteLabel', { item: labels.item(r.item, r.partyId) })}
                maxLength={1000}
                status={fieldError(r.index, 'note') ? 'error' : undefined}
                {...field}
              />
            )}
          />
          {problem(fieldError(r.index, 'note'))}
        </>
      ),
    },
  ];
  return (
    <Modal
      open
      title={t('records.amendTitle', { type: t(`taskTypes.${props.type}`), version: latest.version })}
      width="min(1120px, calc(100vw - 48px))"
      okText={t('records.amendSubmit')}
      okButtonProps={{ loading: formState.isSubmitting }}
      onOk={() => void submit()}
      onCancel={props.onCancel}
      maskClosable={false}
      styles={{ body: { maxHeight: 'calc(100vh - 240px)', overflowY: 'auto', overflowX: 'hidden' } }}
    >
      <form
        aria-label={t('records.amend')}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
        style={{ display: 'flex', flexDirection: 'column', gap: 8, paddingBottom: 16 }}
      >
        <Typography.Text type="secondary">{t('records.amendHint', { next: latest.version + 1 })}</Typography.Text>
        <ErrorAlert error={error} />
        <Table<Row>
          size="small"
          rowKey="key"
          tableLayout="fixed"
          columns={columns}
          dataSource={latest.items.map((i, index) => ({ ...i, index }))}
          pagination={false}
        />
        <label htmlFor="amend-reason">
          <Typography.Text strong>{t('records.amendReason')}</Typography.Text>
        </label>
        <Controller
          control={control}
          name="reason"
          render={({ field }) => (
            <Input.TextArea
              id="amend-reason"
              rows={2}
              maxLength={500}
              showCount
              placeholder={t('records.amendReasonPlaceholder')}
              status={formState.errors.reason ? 'error' : undefined}
              aria-invalid={!!formState.errors.reason}
              {...field}
            />
          )}
        />
        {problem(formState.errors.reason?.message)}
      </form>
    </Modal>
  );
}
