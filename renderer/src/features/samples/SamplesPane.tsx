/**
 * 质检抽样: pick an ISO week, draw each officer's share of that week's finalized records (the
 * `sampleRate` setting), and score each sample pass/fail on the scorecard. A fail creates a
 * rework task for the officer; scores are final. A draw and a score reload the week's samples.
 * The week is the view's filter (it drives the read), not a form field.
 */
import { zodResolver } from '@hookform/resolvers/zod';
import {
  App,
  Button,
  Checkbox,
  Empty,
  Form,
  Input,
  Modal,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useMemo, useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { tIn, tMessage } from '../../i18n/messages';
import { Link } from 'react-router';
import type { z } from 'zod';
import { addWeeks, isoWeekOf, weekRange } from '../../../../shared/domain/weeks';
import { shanghaiDate } from '../../../../shared/domain/workdays';
import { SCORECARD, scoreInputSchema, type SampleRow, type SamplesView } from '../../../../shared/contract/samples';
import type { AppErrorShape } from '../../../../shared/result';
import { shownError, useChannel, useChannelMutation } from '../../app/query';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useFormats } from '../../ui/format';
import { fieldMessage } from '../review/labels';

export function SamplesPane() {
  const { t } = useTranslation();
  const f = useFormats();
  const { message } = App.useApp();
  const weeks = useMemo(() => {
    const current = isoWeekOf(shanghaiDate(new Date()));
    return Array.from({ length: 12 }, (_, i) => addWeeks(current, -i));
  }, []);
  const [week, setWeek] = useState(weeks[1]!);
  const [scoring, setScoring] = useState<SampleRow | null>(null);
  // Another week keeps the samples on screen until its own arrive.
  const read = useChannel('samples.view', { week }, { keepPrevious: true });
  const view: SamplesView | null = read.data ?? null;
  const drawMutation = useChannelMutation('samples.draw', { invalidates: ['samples'] });
  // A failed draw is shown until the samples are read again (another week, a score).
  const drawFailed = drawMutation.submittedAt >= read.dataUpdatedAt ? shownError(drawMutation.error) : null;
  const error = shownError(read.error) ?? drawFailed;

  const draw = () =>
    drawMutation.mutate(
      { week },
      {
        onSuccess: (r) =>
          void message.success(r.drawn > 0 ? t('samples.drawn', { count: r.drawn }) : t('samples.drawnNone')),
      },
    );

  const weekLabel = (w: string) => {
    const r = weekRange(w)!;
    return t('samples.weekOption', { week: w, from: r.from.slice(5), to: r.to.slice(5) });
  };
  const records = view?.officers.reduce((s, o) => s + o.records, 0) ?? 0;

  const columns: TableColumnsType<SampleRow> = [
    {
      key: 'loan',
      title: t('review.loan'),
      width: 170,
      render: (_, r) => <Link to={`/loans/${encodeURIComponent(r.loanNo)}`}>{r.loanNo}</Link>,
    },
    { key: 'borrower', title: t('review.borrower'), width: 90, dataIndex: 'borrowerName' },
    { key: 'officer', title: t('review.officer'), width: 90, dataIndex: 'officerName' },
    { key: 'type', title: t('review.taskType'), width: 130, render: (_, r) => t(`taskTypes.${r.type}`) },
    { key: 'outcome', title: t('samples.outcome'), width: 110, render: (_, r) => tIn(t, 'outcomes', r.outcome) },
    { key: 'at', title: t('samples.finalizedAt'), width: 170, render: (_, r) => f.dateTime(r.finalizedAt) },
    {
      key: 'result',
      title: t('samples.score'),
      render: (_, r) =>
        r.result ? (
          <Space size={4} wrap>
            <Tag color={r.result === 'pass' ? 'green' : 'red'}>{t(`samples.scoreResult.${r.result}`)}</Tag>
            {r.reworkTaskId !== null && (
              <Typography.Text type="secondary">{t('samples.reworkTask', { taskId: r.reworkTaskId })}</Typography.Text>
            )}
          </Space>
        ) : (
          <Button size="small" onClick={() => setScoring(r)} aria-label={t('samples.scoreLoan', { loanNo: r.loanNo })}>
            {t('samples.scoreAction')}
          </Button>
        ),
    },
  ];

  return (
    <div>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          aria-label={t('samples.week')}
          value={week}
          onChange={setWeek}
          style={{ width: 260 }}
          options={weeks.map((w) => ({ value: w, label: weekLabel(w) }))}
        />
        <Button type="primary" onClick={draw} loading={drawMutation.isPending} disabled={records === 0}>
          {t('samples.draw', { percent: Math.round((view?.rate ?? 0.05) * 100) })}
        </Button>
        {view && (
          <Typography.Text type="secondary">
            {view.officers
              .map((o) => t('samples.officerShare', { name: o.officerName, sampled: o.sampled, records: o.records }))
              .join('；') || t('samples.noRecordsWeek')}
          </Typography.Text>
        )}
      </Space>
      <ErrorAlert error={error} />
      <Table<SampleRow>
        size="small"
        rowKey="sampleId"
        loading={!view && !error}
        columns={columns}
        dataSource={view?.rows ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 960 }}
        locale={{
          emptyText: <Empty description={records === 0 ? t('samples.noRecordsWeek') : t('samples.noSamples')} />,
        }}
      />
      {scoring && (
        <ScoreModal
          sample={scoring}
          onClose={() => setScoring(null)}
          onScored={(reworkTaskId) => {
            message.success(reworkTaskId ? t('samples.scoredFail', { taskId: reworkTaskId }) : t('samples.scoredPass'));
            setScoring(null);
          }}
        />
      )}
    </div>
  );
}

type ScoreForm = z.input<typeof scoreInputSchema>;

function ScoreModal(props: {
  sample: SampleRow;
  onClose: () => void;
  onScored: (reworkTaskId: number | null) => void;
}) {
  const { t } = useTranslation();
  const score = useChannelMutation('samples.score', { invalidates: ['samples'] });
  const [error, setError] = useState<AppErrorShape | null>(null);
  const form = useForm<ScoreForm>({
    resolver: zodResolver(scoreInputSchema),
    defaultValues: {
      sampleId: props.sample.sampleId,
      result: 'pass',
      scorecard: { identityVerified: true, readsDone: true, notesAdequate: true },
      comment: '',
    },
  });
  const submit = form.handleSubmit(async (v) => {
    setError(null);
    try {
      const r = await score.mutateAsync(v);
      props.onScored(r.reworkTaskId);
    } catch (e) {
      setError(shownError(e));
    }
  });
  const errs = form.formState.errors;
  const msg = (m: string | undefined) => (m ? tMessage(t, fieldMessage(m)) : undefined);
  return (
    <Modal
      open
      title={t('samples.scoreTitle', { loanNo: props.sample.loanNo, officer: props.sample.officerName })}
      okText={t('samples.saveScore')}
      cancelText={t('review.cancel')}
      onOk={() => void submit()}
      onCancel={props.onClose}
      confirmLoading={form.formState.isSubmitting}
      destroyOnHidden
    >
      <ErrorAlert error={error} />
      <Typography.Paragraph type="secondary">{t('samples.scoreHint')}</Typography.Paragraph>
      <Form layout="vertical" component="div">
        <Form.Item
          label={t('samples.scorecard')}
          validateStatus={errs.scorecard ? 'error' : ''}
          help={msg(errs.scorecard?.message ?? errs.scorecard?.root?.message)}
        >
          <Space orientation="vertical">
            {SCORECARD.map((k) => (
              <Controller
                key={k}
                name={`scorecard.${k}`}
                control={form.control}
                render={({ field }) => (
                  <Checkbox checked={field.value} onChange={(e) => field.onChange(e.target.checked)}>
                    {t(`samples.check.${k}`)}
                  </Checkbox>
                )}
              />
            ))}
          </Space>
        </Form.Item>
        <Controller
          name="result"
          control={form.control}
          render={({ field }) => (
            <Form.Item label={t('samples.scoreLabel')}>
              <Radio.Group
                aria-label={t('samples.scoreLabel')}
                value={field.value}
                onChange={(e) => field.onChange(e.target.value)}
                optionType="button"
                options={[
                  { value: 'pass', label: t('samples.scoreResult.pass') },
                  { value: 'fail', label: t('samples.scoreResult.fail') },
                ]}
              />
            </Form.Item>
          )}
        />
        <Controller
          name="comment"
          control={form.control}
          render={({ field }) => (
            <Form.Item
              label={t('samples.scoreComment')}
              htmlFor="score-comment"
              validateStatus={errs.comment ? 'error' : ''}
              help={msg(errs.comment?.message)}
            >
              <Input.TextArea id="score-comment" rows={2} maxLength={1000} {...field} />
            </Form.Item>
          )}
        />
      </Form>
    </Modal>
  );
}
