/**
 * The checklist pane (react-hook-form + zod): per line the value on file, the result
 * (一致 / 不一致 / 无法核实), the value the borrower stated and a note, required unless the
 * result is a match. Script answers fill lines; every edit flows to the draft.
 */
import { Input, Radio, Typography } from 'antd';
import { Controller, type UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { tIn, tMessage } from '../../i18n/messages';
import { z } from 'zod';
import type { CallView } from '../../../../shared/contract/calls';
import { checklistEntrySchema, ITEMS, lineProblem, type ChecklistEntry } from '../../../../shared/domain/calls';
import type { ChecklistItem } from '../../../../shared/scripts/schema';
import { ItemResultTag, useItemResultOptions } from '../../ui/ItemResult';

export type ChecklistForm = { items: Record<string, ChecklistEntry> };

export const EMPTY_ENTRY: ChecklistEntry = { result: null, stated: '', note: '' };

/** The form's schema: the same completeness rule finalize applies on the main side. */
export function checklistFormSchema(lines: readonly ChecklistItem[]) {
  return z.object({
    items: z.record(z.string(), checklistEntrySchema).superRefine((items, ctx) => {
      for (const l of lines) {
        const p = lineProblem(l.item, items[l.key]);
        if (p === 'unanswered')
          ctx.addIssue({
            code: 'custom',
            path: [l.key, ITEMS[l.item].kind === 'record' ? 'stated' : 'result'],
            message: 'calls.lineUnanswered',
          });
        if (p === 'noteRequired')
          ctx.addIssue({ code: 'custom', path: [l.key, 'note'], message: 'calls.noteRequired' });
      }
    }),
  });
}

export function ChecklistPane({
  view,
  lines,
  form,
  disabled,
}: {
  view: CallView;
  lines: readonly ChecklistItem[];
  form: UseFormReturn<ChecklistForm>;
  disabled: boolean;
}) {
  const { t } = useTranslation();
  const resultOptions = useItemResultOptions();
  const errors = form.formState.errors.items as
    | Record<string, { result?: { message?: string }; stated?: { message?: string }; note?: { message?: string } }>
    | undefined;
  const answered = lines.filter((l) => lineProblem(l.item, form.watch(`items.${l.key}`)) === null).length;
  return (
    <section className="cbd-call-checklist" aria-label={t('calls.checklistPane')}>
      <div className="cbd-call-pane-head">
        <Typography.Text strong>{t('calls.checklist')}</Typography.Text>
        <Typography.Text type="secondary" data-testid="checklist-progress">
          {t('calls.answered', { done: answered, total: lines.length })}
        </Typography.Text>
      </div>
      <div className="cbd-call-lines">
        {lines.map((l) => {
          const party = l.partyId === null ? null : view.parties.find((p) => p.id === l.partyId);
          const label = `${t(`items.${l.item}`)}${party ? ` · ${party.name}` : ''}`;
          const onFile = view.onFile[l.key] ?? [];
          const err = errors?.[l.key];
          const result = form.watch(`items.${l.key}.result`);
          const verify = ITEMS[l.item].kind === 'verify';
          return (
            <fieldset key={l.key} className="cbd-call-line" data-line={l.key} aria-label={label}>
              <legend>
                {label}
                {result && <ItemResultTag result={result} />}
              </legend>
              {onFile.length > 0 && (
                <div className="cbd-call-onfile">
                  <Typography.Text type="secondary">{t('calls.onFile')}：</Typography.Text>
                  {onFile
                    .map(
                      (v) =>
                        `${tIn(t, 'onFileFields', v.field)} ${v.field === 'partyRole' ? tIn(t, 'partyRoles', v.value) : v.value}`,
                    )
                    .join('；')}
                </div>
              )}
              {verify && (
                <Controller
                  control={form.control}
                  name={`items.${l.key}.result`}
                  render={({ field }) => (
                    <Radio.Group
                      {...field}
                      value={field.value ?? undefined}
                      disabled={disabled}
                      aria-label={`${label} ${t('calls.result')}`}
                      optionType="button"
                      buttonStyle="solid"
                      size="small"
                      options={resultOptions}
                    />
                  )}
                />
              )}
              {err?.result?.message && <div className="cbd-field-error">{tMessage(t, err.result.message)}</div>}
              {(['stated', 'note'] as const).map((name) => (
                <div key={name}>
                  <Controller
                    control={form.control}
                    name={`items.${l.key}.${name}`}
                    render={({ field }) => (
                      <Input
                        {...field}
                        size="small"
                        disabled={disabled}
                        maxLength={1000}
                        aria-label={`${label} ${t(`calls.${name}`)}`}
                        placeholder={
                          name === 'note' && result && result !== 'match' ? t('calls.noteNeeded') : t(`calls.${name}`)
                        }
                        status={err?.[name] ? 'error' : undefined}
                      />
                    )}
                  />
                  {err?.[name]?.message && <div className="cbd-field-error">{tMessage(t, err[name].message)}</div>}
                </div>
              ))}
            </fieldset>
          );
        })}
      </div>
    </section>
  );
}
