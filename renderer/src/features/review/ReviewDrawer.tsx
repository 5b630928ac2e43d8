/**
 * One review item in a drawer: what was raised, the record's answers beside the values on file,
 * the attempts, the comments (append-only) and the decision — a form while it is open, the
 * decision with who and when once taken. Deciding asks for confirmation (it cannot be undone);
 * a decision reloads the item and the queue, a comment the item.
 */
import { zodResolver } from '@hookform/resolvers/zod';
import {
  App,
  Button,
  Descriptions,
  Drawer,
  Empty,
  Form,
  Input,
  Radio,
  Space,
  Spin,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { tIn, tMessage } from '../../i18n/messages';
import { Link } from 'react-router';
import { z } from 'zod';
import {
  DECISIONS,
  commentInputSchema,
  decideInputSchema,
  type ReviewDetail,
  type ReviewKind,
} from '../../../../shared/contract';
import type { AppErrorShape } from '../../../../shared/result';
import { shownError, useChannel, useChannelMutation } from '../../app/query';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { ItemResultTag } from '../../ui/ItemResult';
import { useFormats } from '../../ui/format';
import { codeLabel, fieldMessage, SEVERITY_COLOR } from './labels';

const decisionForm = decideInputSchema.pick({ decision: true, comment: true });
type DecisionForm = z.infer<typeof decisionForm>;
const commentForm = commentInputSchema.pick({ text: true });
type CommentForm = z.input<typeof commentForm>;

export function ReviewDrawer(props: { target: { kind: ReviewKind; id: number }; onClose: () => void }) {
  const { t } = useTranslation();
  const f = useFormats();
  const { message, modal } = App.useApp();
  const read = useChannel('review.detail', props.target);
  const detail = read.data ?? null;
  // The queue's row leaves (or changes) with a decision; a comment shows in the item only.
  const decideMutation = useChannelMutation('review.decide', { invalidates: ['review'] });
  const commentMutation = useChannelMutation('review.comment', { invalidates: ['review.detail'] });
  const busy = decideMutation.isPending || commentMutation.isPending;
  // What the last decision or comment met; cleared when the next one starts.
  const [actionError, setActionError] = useState<AppErrorShape | null>(null);
  const error = shownError(read.error) ?? actionError;
  const form = useForm<DecisionForm>({
    resolver: zodResolver(decisionForm),
    defaultValues: { decision: undefined as unknown as DecisionForm['decision'], comment: '' },
  });
  const comments = useForm<CommentForm>({ resolver: zodResolver(commentForm), defaultValues: { text: '' } });
  const comment = useWatch({ control: comments.control, name: 'text' });

  const act = async (fn: () => Promise<void>) => {
    setActionError(null);
    try {
      await fn();
    } catch (e) {
      setActionError(shownError(e));
    }
  };

  const decide = form.handleSubmit((v) => {
    modal.confirm({
      title: t('review.confirmDecision', { decision: t(`review.decision.${v.decision}`) }),
      content: t(`review.decisionEffect.${v.decision}`),
      okText: t('review.confirmOk'),
      cancelText: t('review.cancel'),
      onOk: () =>
        act(async () => {
          const r = await decideMutation.mutateAsync({ ...props.target, ...v });
          message.success(
            r.createdTaskId
              ? t('review.decidedWithTask', { decision: t(`review.decision.${v.decision}`), taskId: r.createdTaskId })
              : t('review.decided', { decision: t(`review.decision.${v.decision}`) }),
          );
        }),
    });
  });

  const addComment = comments.handleSubmit((v) =>
    act(async () => {
      await commentMutation.mutateAsync({ ...props.target, text: v.text });
      comments.reset();
    }),
  );

  const row = detail?.row;
  type Item = NonNullable<ReviewDetail['record']>['items'][number];
  return (
    <Drawer
      open
      width={760}
      onClose={props.onClose}
      title={row ? `${t('review.title')} · ${row.loanNo}` : t('review.title')}
      destroyOnHidden
    >
      <ErrorAlert error={error} />
      {!detail && !error && <Spin aria-label={t('common.loading')} />}
      {detail && row && (
        <Space orientation="vertical" size="large" style={{ width: '100%' }}>
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label={t('review.what')} span={2}>
              <Space size={4} wrap>
                <Tag color={row.kind === 'flag' ? 'volcano' : 'purple'}>{t(`review.kind.${row.kind}`)}</Tag>
                {codeLabel(t, row)}
                <Tag color={SEVERITY_COLOR[row.severity]}>{t(`severity.${row.severity}`)}</Tag>
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t('review.loan')}>
              <Link to={`/loans/${encodeURIComponent(row.loanNo)}`}>{row.loanNo}</Link>
            </Descriptions.Item>
            <Descriptions.Item label={t('review.borrower')}>{row.borrowerName}</Descriptions.Item>
            <Descriptions.Item label={t('review.taskType')}>
              {row.taskType ? t(`taskTypes.${row.taskType}`) : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('review.officer')}>{row.officerName ?? t('review.pool')}</Descriptions.Item>
            <Descriptions.Item label={t('review.raisedAt')}>{f.dateTime(row.createdAt)}</Descriptions.Item>
            <Descriptions.Item label={t('review.age')}>{t('review.days', { count: row.ageDays })}</Descriptions.Item>
            {detail.note && (
              <Descriptions.Item label={t('review.note')} span={2}>
                {detail.note}
              </Descriptions.Item>
            )}
          </Descriptions>

          <section aria-label={t('review.answers')}>
            <Typography.Title level={5}>{t('review.answers')}</Typography.Title>
            {detail.record ? (
              <Table<Item>
                size="small"
                pagination={false}
                rowKey="key"
                dataSource={detail.record.items}
                rowClassName={(i) => (i.result === 'mismatch' ? 'cbd-row-mismatch' : '')}
                columns={[
                  { key: 'item', title: t('review.item'), width: 140, render: (_, i) => tIn(t, 'items', i.item) },
                  {
                    key: 'result',
                    title: t('review.result'),
                    width: 90,
                    render: (_, i) => (i.result ? <ItemResultTag result={i.result} /> : '—'),
                  },
                  { key: 'stated', title: t('review.stated'), render: (_, i) => i.stated || '—' },
                  {
                    key: 'onFile',
                    title: t('review.onFile'),
                    render: (_, i) =>
                      i.onFile.length === 0
                        ? '—'
                        : i.onFile.map((o) => (
                            <div key={o.field}>
                              {t(`onFileFields.${o.field}`, { defaultValue: o.field })}：{o.value}
                            </div>
                          )),
                  },
                  { key: 'note', title: t('review.itemNote'), render: (_, i) => i.note || '—' },
                ]}
              />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('review.noRecord')} />
            )}
          </section>

          <section aria-label={t('review.attempts')}>
            <Typography.Title level={5}>{t('review.attempts')}</Typography.Title>
            {detail.attempts.length === 0 ? (
              <Typography.Text type="secondary">{t('review.noAttempts')}</Typography.Text>
            ) : (
              <Timeline
                items={detail.attempts.map((a, i) => ({
                  key: i,
                  content: `${f.dateTime(a.at)} · ${t(`outcomes.${a.outcome}`, { defaultValue: a.outcome })} · ${a.officer}${a.note ? ` · ${a.note}` : ''}`,
                }))}
              />
            )}
          </section>

          <section aria-label={t('review.decisionTitle')}>
            <Typography.Title level={5}>{t('review.decisionTitle')}</Typography.Title>
            {detail.decision ? (
              <Descriptions size="small" column={1} bordered>
                <Descriptions.Item label={t('review.decisionLabel')}>
                  <Tag color="blue">{t(`review.decision.${detail.decision.decision}`)}</Tag>
                  {detail.decision.createdTaskId !== null && (
                    <Typography.Text type="secondary">
                      {t('review.createdTask', { taskId: detail.decision.createdTaskId })}
                    </Typography.Text>
                  )}
                </Descriptions.Item>
                <Descriptions.Item label={t('review.comment')}>{detail.decision.comment}</Descriptions.Item>
                <Descriptions.Item label={t('review.decidedBy')}>
                  {detail.decision.by} · {f.dateTime(detail.decision.at)}
                </Descriptions.Item>
              </Descriptions>
            ) : (
              <Form layout="vertical" component="div">
                <form onSubmit={(e) => void decide(e)} aria-label={t('review.decisionTitle')}>
                  <Controller
                    name="decision"
                    control={form.control}
                    render={({ field, fieldState }) => (
                      <Form.Item
                        label={t('review.decisionLabel')}
                        validateStatus={fieldState.error ? 'error' : ''}
                        help={fieldState.error ? t('review.pickDecision') : undefined}
                      >
                        <Radio.Group
                          aria-label={t('review.decisionLabel')}
                          value={field.value}
                          onChange={(e) => field.onChange(e.target.value)}
                        >
                          <Space orientation="vertical">
                            {DECISIONS.map((d) => (
                              <Radio key={d} value={d}>
                                {t(`review.decision.${d}`)}
                                <Typography.Text type="secondary"> — {t(`review.decisionEffect.${d}`)}</Typography.Text>
                              </Radio>
                            ))}
                          </Space>
                        </Radio.Group>
                      </Form.Item>
                    )}
                  />
                  <Controller
                    name="comment"
                    control={form.control}
                    render={({ field, fieldState }) => (
                      <Form.Item
                        label={t('review.comment')}
                        htmlFor="review-comment"
                        validateStatus={fieldState.error ? 'error' : ''}
                        help={fieldState.error ? tMessage(t, fieldMessage(fieldState.error.message)) : undefined}
                      >
                        <Input.TextArea id="review-comment" rows={2} maxLength={1000} {...field} />
                      </Form.Item>
                    )}
                  />
                  <Button type="primary" htmlType="submit" loading={busy}>
                    {t('review.submitDecision')}
                  </Button>
                </form>
              </Form>
            )}
          </section>

          <section aria-label={t('review.comments')}>
            <Typography.Title level={5}>{t('review.comments')}</Typography.Title>
            {detail.comments.length === 0 ? (
              <Typography.Text type="secondary">{t('review.noComments')}</Typography.Text>
            ) : (
              <Timeline
                items={detail.comments.map((c) => ({
                  key: c.id,
                  content: (
                    <span>
                      <Typography.Text strong>{c.by}</Typography.Text>{' '}
                      <Typography.Text type="secondary">{f.dateTime(c.at)}</Typography.Text>
                      <div>{c.text}</div>
                    </span>
                  ),
                }))}
              />
            )}
            <Space.Compact style={{ width: '100%', marginTop: 8 }}>
              <Controller
                name="text"
                control={comments.control}
                render={({ field, fieldState }) => (
                  <Input
                    aria-label={t('review.addComment')}
                    placeholder={t('review.addCommentHint')}
                    maxLength={1000}
                    status={fieldState.error ? 'error' : undefined}
                    {...field}
                    onPressEnter={() => comment.trim().length >= 2 && void addComment()}
                  />
                )}
              />
              <Button onClick={() => void addComment()} disabled={comment.trim().length < 2} loading={busy}>
                {t('review.addComment')}
              </Button>
            </Space.Compact>
            {comments.formState.errors.text && (
              <Typography.Text type="danger" role="alert">
                {tMessage(t, fieldMessage(comments.formState.errors.text.message))}
              </Typography.Text>
            )}
          </section>
        </Space>
      )}
    </Drawer>
  );
}
