/**
 * Walking a call script the way the call screen will: every path from the start step, following
 * every choice option, with per-party steps expanded by `expandStep`/`nextInstance` (one instance
 * per co-borrower/guarantor, none when there are none). `scriptProblems` uses the walk to check
 * what the graph checks of schema.ts cannot see: that a finished record covers the whole checklist
 * and every read-aloud step, and that texts use only known merge fields. Pure TypeScript.
 *
 * Options that lead to the same next step and raise the same flag give identical paths, so they are
 * walked once; `answers` lists the option values each path stands for.
 */
import { RECORD_OUTCOMES, type AnswerFlag, type Outcome } from '../domain/calls';
import {
  checklistKey,
  checklistOf,
  expandStep,
  MERGE_FIELDS,
  mustReadSteps,
  nextInstance,
  type Script,
  type ScriptParty,
  type ScriptText,
  type StepInstance,
} from './schema';

/** One way through a script, as the call screen would walk it for a given set of parties. */
export interface ScriptPath {
  /** Step instance ids in order (`step` or `step#partyId`). */
  steps: string[];
  /** The outcome of the end step the path stops at. */
  outcome: Outcome;
  /** Checklist keys answered on the path (`checklistKey(item, partyId)`), first occurrence order. */
  items: string[];
  /** Read-aloud (`mustRead`) step ids passed. */
  reads: string[];
  /** Risk flags raised by the options chosen on the path. */
  flags: AnswerFlag[];
  /** For each choice instance on the path, the option values that take this path. */
  answers: Record<string, string[]>;
}

/** A walked path that may stop short of an end step (`outcome: null`). */
type RawPath = Omit<ScriptPath, 'outcome'> & { outcome: Outcome | null };

export const MAX_PATH_STEPS = 1000;
export const MAX_PATHS = 100_000;

/** Parties used when checking a script: none, one co-borrower, a co-borrower and a guarantor. */
export const SAMPLE_PARTIES: readonly ScriptParty[] = [
  { id: 101, role: 'co_borrower', name: '李娜' },
  { id: 102, role: 'guarantor', name: '王强' },
];

/** The first instance of a call: the start step, skipping per-party steps when there is nobody to ask about. */
function firstInstance(script: Script, parties: readonly ScriptParty[]): StepInstance | null {
  let target: string | undefined = script.start;
  const seen = new Set<string>();
  while (target && !seen.has(target)) {
    seen.add(target);
    const inst = expandStep(script, target, parties);
    if (inst.length > 0) return inst[0]!;
    const skipped = script.steps.find((s) => s.id === target);
    target = skipped && skipped.kind !== 'end' ? skipped.next : undefined;
  }
  return null;
}

function walk(script: Script, parties: readonly ScriptParty[]): RawPath[] {
  const out: RawPath[] = [];
  const steps: string[] = [];
  const items: string[] = [];
  const reads: string[] = [];
  const flags: AnswerFlag[] = [];
  const answers: [string, string[]][] = [];

  const finish = (outcome: Outcome | null) => {
    if (out.length >= MAX_PATHS) throw new Error(`script ${script.key}: more than ${MAX_PATHS} paths`);
    out.push({
      steps: [...steps],
      outcome,
      items: [...new Set(items)],
      reads: [...new Set(reads)],
      flags: [...new Set(flags)],
      answers: Object.fromEntries(answers.map(([k, v]) => [k, [...v]])),
    });
  };

  const visit = (inst: StepInstance) => {
    if (steps.length >= MAX_PATH_STEPS)
      throw new Error(`script ${script.key}: a path is longer than ${MAX_PATH_STEPS} steps (cycle?)`);
    const st = inst.step;
    steps.push(inst.id);
    if (st.kind === 'ask') items.push(checklistKey(st.item, inst.partyId));
    if (st.kind === 'say' && st.mustRead) reads.push(st.id);

    if (st.kind === 'end') finish(st.outcome);
    else if (st.kind === 'ask' && st.input.type === 'choice') {
      // Group the options by where they lead and what they raise: each group is one path.
      const groups = new Map<string, { next: StepInstance | null; flag: AnswerFlag | undefined; values: string[] }>();
      for (const o of st.input.options) {
        const next = nextInstance(script, parties, inst, o.value);
        const key = `${next?.id ?? ''}|${o.flag ?? ''}`;
        const g = groups.get(key);
        if (g) g.values.push(o.value);
        else groups.set(key, { next, flag: o.flag, values: [o.value] });
      }
      for (const g of groups.values()) {
        answers.push([inst.id, g.values]);
        if (g.flag) flags.push(g.flag);
        if (g.next) visit(g.next);
        else finish(null);
        if (g.flag) flags.pop();
        answers.pop();
      }
    } else {
      const next = nextInstance(script, parties, inst, undefined);
      if (next) visit(next);
      else finish(null);
    }

    steps.pop();
    if (st.kind === 'ask') items.pop();
    if (st.kind === 'say' && st.mustRead) reads.pop();
  };

  const first = firstInstance(script, parties);
  if (first) visit(first);
  else finish(null);
  return out;
}

/**
 * Every path through a script for a loan with these co-borrowers/guarantors. Throws when a path
 * does not reach an end step, is longer than MAX_PATH_STEPS, or there are more than MAX_PATHS.
 */
export function walkAllPaths(script: Script, parties: readonly ScriptParty[]): ScriptPath[] {
  return walk(script, parties).map((p) => {
    if (p.outcome === null)
      throw new Error(`script ${script.key}: path ${describe(p.steps)} does not end at an end step`);
    return { ...p, outcome: p.outcome };
  });
}

const describe = (steps: readonly string[]) => (steps.length ? steps.join(' → ') : '(empty)');

/** Every text of a script with where it is, and whether it belongs to a per-party step. */
function textsOf(script: Script): { where: string; text: ScriptText; perParty: boolean }[] {
  const out: { where: string; text: ScriptText; perParty: boolean }[] = [
    { where: 'title', text: script.title, perParty: false },
  ];
  for (const st of script.steps) {
    const perParty = st.kind === 'ask' && !!st.perParty;
    out.push({ where: `step ${st.id}`, text: st.text, perParty });
    if (st.kind !== 'ask') continue;
    if (st.hint) out.push({ where: `step ${st.id} hint`, text: st.hint, perParty });
    if (st.input.type === 'number' && st.input.unit)
      out.push({ where: `step ${st.id} unit`, text: st.input.unit, perParty });
    if (st.input.type === 'choice')
      for (const o of st.input.options) out.push({ where: `step ${st.id} option ${o.value}`, text: o.label, perParty });
  }
  return out;
}

const PARTY_FIELDS = new Set(['partyName', 'partyRole']);
const KNOWN_FIELDS = new Set<string>(MERGE_FIELDS);

/**
 * Problems a schema-valid script can still have, as readable sentences (empty when none), found
 * by walking it with 0, 1 and 2 parties: paths that stop short of an end step, finished records
 * (completed…) that miss a checklist item or a read-aloud step, unknown merge fields, and
 * {partyName}/{partyRole} outside a per-party step.
 */
export function scriptProblems(script: Script): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  const add = (key: string, message: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    problems.push(message);
  };

  for (const { where, text, perParty } of textsOf(script))
    for (const lang of ['zh-CN', 'en'] as const)
      for (const m of text[lang].matchAll(/\{([^{}]*)\}/g)) {
        const field = m[1]!;
        if (!KNOWN_FIELDS.has(field))
          add(`field|${where}|${lang}|${field}`, `${where} (${lang}): unknown merge field {${field}}`);
        else if (PARTY_FIELDS.has(field) && !perParty)
          add(`party|${where}|${lang}|${field}`, `${where} (${lang}): {${field}} outside a per-party step`);
      }

  const mustRead = mustReadSteps(script);
  for (let n = 0; n <= SAMPLE_PARTIES.length; n++) {
    const parties = SAMPLE_PARTIES.slice(0, n);
    const label = `${n} ${n === 1 ? 'party' : 'parties'}`;
    let paths: RawPath[];
    try {
      paths = walk(script, parties);
    } catch (e) {
      add(`walk|${n}`, `${label}: ${(e as Error).message}`);
      continue;
    }
    const checklist = checklistOf(script, parties).map((c) => c.key);
    for (const p of paths) {
      if (p.outcome === null) {
        add(`dead|${describe(p.steps)}`, `path ${describe(p.steps)} (${label}) does not end at an end step`);
        continue;
      }
      if (!RECORD_OUTCOMES.includes(p.outcome)) continue;
      for (const k of checklist)
        if (!p.items.includes(k))
          add(`item|${n}|${k}`, `${p.outcome} path ${describe(p.steps)} (${label}) misses checklist item ${k}`);
      for (const id of mustRead)
        if (!p.reads.includes(id))
          add(`read|${n}|${id}`, `${p.outcome} path ${describe(p.steps)} (${label}) misses read-aloud step ${id}`);
    }
  }
  return problems;
}
