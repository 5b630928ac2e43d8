/**
 * Call scripts: a versioned graph of steps for one task type (files in resources/scripts/).
 * Owns the zod schema, the graph checks (every reference resolves, no cycles, every path ends),
 * per-party expansion of co-borrower/guarantor steps, the checklist a script implies, and merge
 * fields. Used at load and publish (core), by `scripts validate`, and by the call screen.
 */
import { z } from 'zod';
import { TASK_TYPES } from '../domain/taskRules';
import { answerFlagSchema, ITEMS, itemKeySchema, itemResultSchema, outcomeSchema, type ItemKey } from '../domain/calls';

export const textSchema = z.strictObject({
  'zh-CN': z.string().trim().min(1).max(2000),
  en: z.string().trim().min(1).max(2000),
});
export type ScriptText = z.infer<typeof textSchema>;
const stepId = z.string().regex(/^[a-z][a-z0-9_]{0,47}$/, 'scripts.badStepId');

/** Where a step goes after it: another step, or the end of the attempt with an outcome. */
const goes = { next: stepId.optional() };

export const choiceOptionSchema = z.strictObject({
  value: z.string().regex(/^[a-z0-9_]{1,40}$/),
  label: textSchema,
  ...goes,
  /** The checklist result this answer suggests (the officer can still change it). */
  result: itemResultSchema.optional(),
  /** A risk flag this answer raises whatever the checklist says. */
  flag: answerFlagSchema.optional(),
});

export const inputSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('choice'), options: z.array(choiceOptionSchema).min(2).max(9) }),
  z.strictObject({ type: z.literal('text') }),
  z.strictObject({ type: z.literal('number'), unit: textSchema.optional() }),
  z.strictObject({ type: z.literal('date') }),
]);

const sayStep = z.strictObject({
  id: stepId,
  kind: z.literal('say'),
  text: textSchema,
  /** Read aloud word for word; the officer ticks it and the tick is timestamped. */
  mustRead: z.boolean().optional(),
  /** The checklist item this reading satisfies (fraud_notice). */
  item: itemKeySchema.optional(),
  ...goes,
});
const askStep = z.strictObject({
  id: stepId,
  kind: z.literal('ask'),
  item: itemKeySchema,
  text: textSchema,
  hint: textSchema.optional(),
  input: inputSchema,
  /** Repeat once per co-borrower and guarantor ({partyName}, {partyRole}); skipped when there are none. */
  perParty: z.boolean().optional(),
  ...goes,
});
const endStep = z.strictObject({ id: stepId, kind: z.literal('end'), text: textSchema, outcome: outcomeSchema });

export const stepSchema = z.discriminatedUnion('kind', [sayStep, askStep, endStep]);
export type Step = z.infer<typeof stepSchema>;
export type AskStep = z.infer<typeof askStep>;

const scriptBase = z.strictObject({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,47}$/),
  taskType: z.enum(TASK_TYPES),
  version: z.number().int().positive(),
  title: textSchema,
  start: stepId,
  steps: z.array(stepSchema).min(2).max(200),
});

/** Where each step can go next (targets; `null` means the attempt ends there). */
export function successors(step: Step): string[] {
  if (step.kind === 'end') return [];
  if (step.kind === 'ask' && step.input.type === 'choice')
    return [...new Set(step.input.options.map((o) => o.next ?? step.next).filter((n): n is string => !!n))];
  return step.next ? [step.next] : [];
}

/** Graph problems as `path: message key` pairs; empty when the script is sound. */
export function graphIssues(s: z.infer<typeof scriptBase>): { path: (string | number)[]; message: string }[] {
  const issues: { path: (string | number)[]; message: string }[] = [];
  const byId = new Map<string, Step>();
  s.steps.forEach((st, i) => {
    if (byId.has(st.id)) issues.push({ path: ['steps', i, 'id'], message: 'scripts.duplicateStep' });
    byId.set(st.id, st);
  });
  if (!byId.has(s.start)) issues.push({ path: ['start'], message: 'scripts.unknownStep' });
  // The call opens with the start step for everybody, so it cannot be a per-party step.
  const first = byId.get(s.start);
  if (first?.kind === 'ask' && first.perParty) issues.push({ path: ['start'], message: 'scripts.perPartyStart' });
  s.steps.forEach((st, i) => {
    if (st.kind === 'end') return;
    if (st.kind === 'ask' && st.input.type === 'choice') {
      st.input.options.forEach((o, j) => {
        const to = o.next ?? st.next;
        if (!to) issues.push({ path: ['steps', i, 'input', 'options', j], message: 'scripts.noNext' });
        else if (!byId.has(to))
          issues.push({ path: ['steps', i, 'input', 'options', j, 'next'], message: 'scripts.unknownStep' });
      });
      if (new Set(st.input.options.map((o) => o.value)).size !== st.input.options.length)
        issues.push({ path: ['steps', i, 'input', 'options'], message: 'scripts.duplicateOption' });
    } else if (!st.next) issues.push({ path: ['steps', i, 'next'], message: 'scripts.noNext' });
    else if (!byId.has(st.next)) issues.push({ path: ['steps', i, 'next'], message: 'scripts.unknownStep' });
    if (st.kind === 'ask' && st.perParty && st.item !== 'co_borrower')
      issues.push({ path: ['steps', i, 'perParty'], message: 'scripts.perPartyItem' });
    // A per-party step is skipped when there is nobody to ask about, so it needs its own `next`
    // and its answers cannot branch.
    if (
      st.kind === 'ask' &&
      st.perParty &&
      (!st.next || (st.input.type === 'choice' && st.input.options.some((o) => o.next)))
    )
      issues.push({ path: ['steps', i], message: 'scripts.perPartyBranch' });
    if (st.kind === 'say' && st.item && ITEMS[st.item].kind !== 'read')
      issues.push({ path: ['steps', i, 'item'], message: 'scripts.sayItem' });
    // A read item is satisfied only by a ticked reading: without mustRead nobody has to tick it.
    if (st.kind === 'say' && st.item && !st.mustRead)
      issues.push({ path: ['steps', i, 'mustRead'], message: 'scripts.sayItemMustRead' });
    if (st.kind === 'ask' && ITEMS[st.item].kind === 'read')
      issues.push({ path: ['steps', i, 'item'], message: 'scripts.askReadItem' });
  });
  if (issues.length) return issues;
  // Cycles: depth-first search with colours.
  const colour = new Map<string, 1 | 2>();
  const visit = (id: string): boolean => {
    colour.set(id, 1);
    for (const n of successors(byId.get(id)!)) {
      if (colour.get(n) === 1) return false;
      if (!colour.has(n) && !visit(n)) return false;
    }
    colour.set(id, 2);
    return true;
  };
  if (!visit(s.start)) issues.push({ path: ['steps'], message: 'scripts.cycle' });
  s.steps.forEach((st, i) => {
    if (!colour.has(st.id)) issues.push({ path: ['steps', i], message: 'scripts.unreachable' });
  });
  return issues;
}

export const scriptSchema = scriptBase.superRefine((s, ctx) => {
  for (const i of graphIssues(s)) ctx.addIssue({ code: 'custom', path: i.path, message: i.message });
});
export type Script = z.infer<typeof scriptSchema>;

/** A co-borrower or guarantor as the call screen knows them. */
export interface ScriptParty {
  id: number;
  role: 'co_borrower' | 'guarantor';
  name: string;
}

/** One checklist line: an item, for one party when the item repeats per party. */
export interface ChecklistItem {
  key: string;
  item: ItemKey;
  partyId: number | null;
}

/** The key of a checklist line: `identity`, or `co_borrower:<partyId>`. */
export const checklistKey = (item: ItemKey, partyId: number | null): string =>
  partyId === null ? item : `${item}:${partyId}`;

/** The id of a step as walked: per-party steps get `#<partyId>`. */
export const stepInstanceId = (stepId: string, partyId: number | null): string =>
  partyId === null ? stepId : `${stepId}#${partyId}`;

/** A step as walked on a call: the script step, and the party it is about (per-party steps). */
export interface StepInstance {
  id: string;
  step: Step;
  partyId: number | null;
}

/**
 * Step instances reachable by going `next` from a step: per-party steps expand into one instance
 * per party, in order, and disappear when the loan has no co-borrower or guarantor.
 */
export function expandStep(script: Script, stepId: string, parties: readonly ScriptParty[]): StepInstance[] {
  const step = script.steps.find((s) => s.id === stepId);
  if (!step) return [];
  if (step.kind === 'ask' && step.perParty)
    return parties.map((p) => ({ id: stepInstanceId(step.id, p.id), step, partyId: p.id }));
  return [{ id: step.id, step, partyId: null }];
}

/** The checklist a script implies for a loan: every `verify`/`record` item asked, per party where repeated. */
export function checklistOf(script: Script, parties: readonly ScriptParty[]): ChecklistItem[] {
  const out: ChecklistItem[] = [];
  const seen = new Set<string>();
  for (const st of script.steps) {
    if (st.kind !== 'ask') continue;
    const owners = st.perParty ? parties.map((p) => p.id) : [null];
    for (const pid of owners) {
      const key = checklistKey(st.item, pid);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ key, item: st.item, partyId: pid });
    }
  }
  return out;
}

/** Step ids that must be read aloud and ticked before a record can be finalized. */
export function mustReadSteps(script: Script): string[] {
  return script.steps.filter((s) => s.kind === 'say' && s.mustRead).map((s) => s.id);
}

/**
 * The walk a call follows: from `from`, which instance comes next given the answer to it.
 * Returns the next instance id, or `{ end: outcome }` when an end step is reached.
 */
export function nextInstance(
  script: Script,
  parties: readonly ScriptParty[],
  from: StepInstance,
  answer: string | number | undefined,
): StepInstance | null {
  const st = from.step;
  if (st.kind === 'end') return null;
  // An answer that is not one of the options goes nowhere, for every party alike.
  if (st.kind === 'ask' && st.input.type === 'choice' && !st.input.options.some((o) => o.value === answer)) return null;
  // More parties to ask about: the same step for the next party.
  if (st.kind === 'ask' && st.perParty) {
    const idx = parties.findIndex((p) => p.id === from.partyId);
    if (idx >= 0 && idx < parties.length - 1) {
      const p = parties[idx + 1]!;
      return { id: stepInstanceId(st.id, p.id), step: st, partyId: p.id };
    }
  }
  let target: string | undefined;
  if (st.kind === 'ask' && st.input.type === 'choice') {
    const chosen = st.input.options.find((o) => o.value === answer);
    if (!chosen) return null;
    target = chosen.next ?? st.next;
  } else target = st.next;
  // Skip per-party steps when there is nobody to ask about.
  while (target) {
    const inst = expandStep(script, target, parties);
    if (inst.length > 0) return inst[0]!;
    const skipped = script.steps.find((s) => s.id === target);
    target = skipped && skipped.kind !== 'end' ? skipped.next : undefined;
  }
  return null;
}

/** Find a step instance by its id (`step` or `step#party`). */
export function findInstance(script: Script, parties: readonly ScriptParty[], id: string): StepInstance | null {
  const [sid, pid] = id.split('#');
  const step = script.steps.find((s) => s.id === sid);
  if (!step) return null;
  // A per-party step exists only with a party, any other step only without one.
  const perParty = step.kind === 'ask' && !!step.perParty;
  if (perParty !== (pid !== undefined)) return null;
  if (pid === undefined) return { id, step, partyId: null };
  const party = parties.find((p) => p.id === Number(pid));
  return party ? { id, step, partyId: party.id } : null;
}

/** Fill `{name}` merge fields; unknown fields stay visible as `{name}` so a script error shows. */
export function mergeText(text: string, fields: Readonly<Record<string, string>>): string {
  // Own fields only: `{constructor}` in a script's text must not print Object's constructor.
  return text.replace(/\{([a-zA-Z]+)\}/g, (m, k: string) => (Object.hasOwn(fields, k) ? fields[k]! : m));
}

/** The merge fields scripts may use. */
export const MERGE_FIELDS = [
  'borrowerName',
  'loanAmount',
  'monthlyPayment',
  'propertyAddress',
  'officerName',
  'branchName',
  'loanTerm',
  'repaymentDay',
  'partyName',
  'partyRole',
] as const;
