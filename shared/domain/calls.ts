/**
 * Verification items, attempt outcomes and the call rules of the domain reference §2–§3.
 * Outcome flags, attempt limits and calling hours are defaults an administrator can change in
 * settings (`callRules`); the schema here validates changes.
 */
import { z } from 'zod';
import { freeTextSchema } from '../text';
import type { ChecklistItem, ScriptParty } from '../scripts/schema';
import { shanghaiMinutes } from './shanghai';

/** Checklist items. `verify` items get match / mismatch / unverifiable; `record` items only a stated value. */
export const ITEMS = {
  identity: { severity: 'high', kind: 'verify' },
  application_willingness: { severity: 'high', kind: 'verify' },
  employer: { severity: 'medium', kind: 'verify' },
  income: { severity: 'medium', kind: 'verify' },
  property: { severity: 'high', kind: 'verify' },
  loan_terms: { severity: 'medium', kind: 'verify' },
  down_payment: { severity: 'high', kind: 'verify' },
  intermediary: { severity: 'high', kind: 'verify' },
  co_borrower: { severity: 'high', kind: 'verify' },
  repayment_account: { severity: 'low', kind: 'verify' },
  use_of_funds: { severity: 'high', kind: 'verify' },
  changes: { severity: 'medium', kind: 'verify' },
  fraud_notice: { severity: null, kind: 'read' },
  satisfaction: { severity: null, kind: 'record' },
} as const satisfies Record<string, { severity: Severity | null; kind: 'verify' | 'record' | 'read' }>;

export type Severity = 'high' | 'medium' | 'low';
export type ItemKey = keyof typeof ITEMS;
export const ITEM_KEYS = Object.keys(ITEMS) as ItemKey[];
export const itemKeySchema = z.enum(ITEM_KEYS as [ItemKey, ...ItemKey[]]);

export const ITEM_RESULTS = ['match', 'mismatch', 'unverifiable'] as const;
export const itemResultSchema = z.enum(ITEM_RESULTS);
export type ItemResult = z.infer<typeof itemResultSchema>;

export const OUTCOMES = [
  'completed',
  'completed_with_discrepancy',
  'callback_requested',
  'wrong_person',
  'no_answer',
  'busy',
  'powered_off',
  'invalid_number',
  'refused',
] as const;
export const outcomeSchema = z.enum(OUTCOMES);
export type Outcome = z.infer<typeof outcomeSchema>;
/** Outcomes reached only by finalizing a record (all required items answered). */
export const RECORD_OUTCOMES: readonly Outcome[] = ['completed', 'completed_with_discrepancy'];

/** Risk flags raised by a script answer or an outcome (mismatches raise a flag named after the item). */
export const ANSWER_FLAGS = ['down_payment_loan', 'intermediary_arranged', 'co_borrower_unaware', 'refused'] as const;
export const answerFlagSchema = z.enum(ANSWER_FLAGS);
export type AnswerFlag = z.infer<typeof answerFlagSchema>;

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'settings.timeFormat');

export const outcomeRuleSchema = z.object({
  contact: z.boolean(),
  rightParty: z.boolean(),
  /** Ends the task: with a record (completed…) or by escalation. */
  final: z.boolean(),
  escalate: z.boolean(),
  /**
   * When the next attempt is due: at the booked time, the next calendar day, or after some minutes
   * — then the next day instead once the task has had this outcome `nextDayAfter` times.
   */
  retry: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('none') }),
    z.object({ kind: z.literal('booked') }),
    z.object({ kind: z.literal('next_day') }),
    z.object({
      kind: z.literal('minutes'),
      minutes: z.number().int().min(1).max(10_080),
      nextDayAfter: z.number().int().min(1).max(10).optional(),
    }),
  ]),
  needsConfirmation: z.boolean(),
});
export type OutcomeRule = z.infer<typeof outcomeRuleSchema>;

export const callRulesSchema = z
  .object({
    maxAttempts: z.number().int().min(1).max(20),
    minDistinctDays: z.number().int().min(1).max(20),
    callingHours: z
      .array(z.object({ from: hhmm, to: hhmm }).refine((h) => h.from < h.to, { message: 'settings.hoursOrder' }))
      .min(1)
      .max(6),
    outcomes: z.object(
      Object.fromEntries(OUTCOMES.map((o) => [o, outcomeRuleSchema])) as Record<Outcome, typeof outcomeRuleSchema>,
    ),
  })
  .refine((r) => r.minDistinctDays <= r.maxAttempts, {
    message: 'settings.daysOverAttempts',
    path: ['minDistinctDays'],
  })
  .refine(
    (r) =>
      [...r.callingHours]
        .sort((a, b) => (a.from < b.from ? -1 : 1))
        .every((h, i, all) => i === 0 || all[i - 1]!.to <= h.from),
    { message: 'settings.hoursOverlap', path: ['callingHours'] },
  )
  // A record ends the task by definition; it can neither escalate nor wait for a retry.
  .refine(
    (r) =>
      RECORD_OUTCOMES.every(
        (o) => r.outcomes[o].final && !r.outcomes[o].escalate && r.outcomes[o].retry.kind === 'none',
      ),
    { message: 'settings.recordOutcomeFinal', path: ['outcomes'] },
  )
  // An outcome that ends or escalates the task cannot also schedule a retry.
  .refine(
    (r) =>
      OUTCOMES.every((o) => !(r.outcomes[o].final || r.outcomes[o].escalate) || r.outcomes[o].retry.kind === 'none'),
    {
      message: 'settings.finalNoRetry',
      path: ['outcomes'],
    },
  );
export type CallRules = z.infer<typeof callRulesSchema>;

const rule = (
  contact: boolean,
  rightParty: boolean,
  final: boolean,
  escalate: boolean,
  retry: OutcomeRule['retry'],
  needsConfirmation: boolean,
): OutcomeRule => ({ contact, rightParty, final, escalate, retry, needsConfirmation });

export const DEFAULT_CALL_RULES: CallRules = {
  maxAttempts: 3,
  minDistinctDays: 2,
  callingHours: [
    { from: '09:00', to: '12:00' },
    { from: '14:00', to: '18:00' },
  ],
  outcomes: {
    completed: rule(true, true, true, false, { kind: 'none' }, true),
    completed_with_discrepancy: rule(true, true, true, false, { kind: 'none' }, true),
    callback_requested: rule(true, true, false, false, { kind: 'booked' }, false),
    wrong_person: rule(true, false, false, false, { kind: 'next_day' }, false),
    // Domain §3: +4 h, another day after the 2nd.
    no_answer: rule(false, false, false, false, { kind: 'minutes', minutes: 240, nextDayAfter: 2 }, false),
    busy: rule(false, false, false, false, { kind: 'minutes', minutes: 60 }, false),
    powered_off: rule(false, false, false, false, { kind: 'next_day' }, false),
    invalid_number: rule(false, false, true, true, { kind: 'none' }, true),
    refused: rule(true, true, true, true, { kind: 'none' }, true),
  },
};

/** Minutes since midnight of an `HH:mm` string. */
const minutesOf = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));

/** Is the Asia/Shanghai wall-clock time of `at` inside the calling hours? */
export function withinCallingHours(rules: Pick<CallRules, 'callingHours'>, at: Date): boolean {
  const m = shanghaiMinutes(at);
  return rules.callingHours.some((h) => m >= minutesOf(h.from) && m < minutesOf(h.to));
}

/**
 * May one more attempt happen on `today`? With `done` the dates (YYYY-MM-DD) of earlier attempts:
 * refused when the limit is reached, or when attempting today would leave too few attempts to
 * reach the required number of different days.
 */
export function attemptAllowed(
  rules: Pick<CallRules, 'maxAttempts' | 'minDistinctDays'>,
  done: readonly string[],
  today: string,
): { ok: true } | { ok: false; reason: 'exhausted' | 'another_day' } {
  if (done.length >= rules.maxAttempts) return { ok: false, reason: 'exhausted' };
  const days = new Set([...done, today]).size;
  const left = rules.maxAttempts - done.length - 1;
  if (days + left < rules.minDistinctDays) return { ok: false, reason: 'another_day' };
  return { ok: true };
}

const boundedRecord = <T extends z.ZodType>(value: T, max: number) =>
  z.record(z.string().max(100), value).refine((r) => Object.keys(r).length <= max, { message: 'errors.tooMany' });

/** One checklist line as the officer fills it. */
export const checklistEntrySchema = z.strictObject({
  result: itemResultSchema.nullable(),
  stated: freeTextSchema(1000),
  note: freeTextSchema(1000),
});
export type ChecklistEntry = z.infer<typeof checklistEntrySchema>;

/** Everything on the call screen that must survive a crash: saved as a draft on every change. */
export const draftStateSchema = z.strictObject({
  /** The step instance on screen, and the ones walked before it (for Back). */
  stepId: z.string().max(100),
  history: z.array(z.string().max(100)).max(1000),
  /** Script answers by step instance. */
  answers: boundedRecord(z.union([freeTextSchema(2000), z.number().finite()]), 1000),
  /** Mandatory reads ticked, by step id, with the instant of the tick. */
  reads: boundedRecord(z.iso.datetime(), 200),
  items: boundedRecord(checklistEntrySchema, 200),
  outcome: outcomeSchema.nullable(),
  bookedAt: z.iso.datetime().nullable(),
  note: freeTextSchema(2000),
});
export type DraftState = z.infer<typeof draftStateSchema>;

/** Why a further attempt is not possible, or what the officer should know before dialling. */
export type AttemptBlock = 'exhausted' | 'another_day';
export type AttemptWarning = 'outside_hours' | 'retry_early';

/** What keeps one checklist line from being complete (the same rule for the form and for finalize). */
export function lineProblem(item: ItemKey, e: ChecklistEntry | undefined): 'unanswered' | 'noteRequired' | null {
  if (ITEMS[item].kind === 'record') return !e || e.stated.trim() === '' ? 'unanswered' : null;
  if (!e || e.result === null) return 'unanswered';
  if (e.result !== 'match' && e.note.trim() === '') return 'noteRequired';
  return null;
}

/**
 * The parties a script asks about (its per-party steps and checklist lines): everyone on the loan
 * but the borrower, in the order given. The same list on the call screen and at finalize.
 */
export function scriptPartiesOf(
  parties: readonly { id: number; role: 'borrower' | ScriptParty['role']; name: string }[],
): ScriptParty[] {
  return parties.flatMap((p) => (p.role === 'borrower' ? [] : [{ id: p.id, role: p.role, name: p.name }]));
}

/** Does any of these checklist lines hold a mismatch? (Entries of other keys do not count.) */
export function anyMismatch(
  items: Readonly<Record<string, Pick<ChecklistEntry, 'result'> | undefined>>,
  lines: readonly Pick<ChecklistItem, 'key'>[],
): boolean {
  return lines.some((l) => items[l.key]?.result === 'mismatch');
}

/** The outcome of a record with these answers: 核实异常 when any line is a mismatch, else 核实完成. */
export function recordOutcome(
  items: Readonly<Record<string, Pick<ChecklistEntry, 'result'> | undefined>>,
  lines: readonly Pick<ChecklistItem, 'key'>[],
): Outcome {
  return anyMismatch(items, lines) ? 'completed_with_discrepancy' : 'completed';
}

/**
 * Does an amended checklist line differ from the recorded one? Text is compared trimmed (as it is
 * stored), so spaces alone are no change. The amend dialog and `records.amend` both ask this.
 */
export function entryChanged(next: ChecklistEntry, recorded: ChecklistEntry): boolean {
  return (
    next.result !== recorded.result || next.stated.trim() !== recorded.stated || next.note.trim() !== recorded.note
  );
}
